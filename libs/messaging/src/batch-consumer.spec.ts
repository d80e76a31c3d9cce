import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { BATCH_HEARTBEAT_MS, heartbeatWhile } from './batch-consumer.js';

describe('heartbeatWhile', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  /** A piece of work that ends when told to, with the result or error given. */
  function pending<T>() {
    let settle!: { resolve: (value: T) => void; reject: (error: Error) => void };
    const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
    return { work: () => promise, ...settle };
  }

  it('heartbeats every interval while the work runs, and stops when it ends', async () => {
    const heartbeat = jest.fn(async () => {});
    const { work, resolve } = pending<string>();
    const result = heartbeatWhile(heartbeat, work);
    await jest.advanceTimersByTimeAsync(3 * BATCH_HEARTBEAT_MS);
    expect(heartbeat).toHaveBeenCalledTimes(3);
    resolve('stored');
    await expect(result).resolves.toBe('stored');
    await jest.advanceTimersByTimeAsync(5 * BATCH_HEARTBEAT_MS);
    expect(heartbeat).toHaveBeenCalledTimes(3);
  });

  it('stops heartbeating when the work fails, and passes its error on', async () => {
    const heartbeat = jest.fn(async () => {});
    const { work, reject } = pending<string>();
    const result = heartbeatWhile(heartbeat, work);
    await jest.advanceTimersByTimeAsync(BATCH_HEARTBEAT_MS);
    reject(new Error('database unavailable'));
    await expect(result).rejects.toThrow('database unavailable');
    await jest.advanceTimersByTimeAsync(5 * BATCH_HEARTBEAT_MS);
    expect(heartbeat).toHaveBeenCalledTimes(1);
  });

  it('goes on with the work when a heartbeat fails (a rebalance under way)', async () => {
    const heartbeat = jest.fn(async () => {
      throw new Error('The group is rebalancing, so a rejoin is needed');
    });
    const { work, resolve } = pending<number>();
    const result = heartbeatWhile(heartbeat, work);
    await jest.advanceTimersByTimeAsync(2 * BATCH_HEARTBEAT_MS);
    expect(heartbeat).toHaveBeenCalledTimes(2);
    resolve(500);
    await expect(result).resolves.toBe(500);
  });
});
