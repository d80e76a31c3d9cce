import { describe, expect, it } from '@jest/globals';
import type { FeedStatusEvent } from '@news/contracts';
import type { KafkaMessage } from 'kafkajs';
import { pino } from 'pino';
import { StorageMetrics } from '../metrics/storage-metrics.js';
import type { FeedStatusRepository } from './feed-status.repository.js';
import { FeedStatusWriter } from './feed-status-writer.js';

const event = (feedId: string): FeedStatusEvent => ({
  feedId,
  feedUrl: `https://${feedId}.example/rss`,
  outcome: 'ok',
  httpStatus: 200,
  latencyMs: 50,
  newItems: 1,
  error: null,
  polledAt: '2025-10-01T08:00:00.000Z',
});

const message = (value: string, offset: string): KafkaMessage =>
  ({
    key: null,
    value: Buffer.from(value),
    offset,
    timestamp: '0',
    attributes: 0,
    headers: {},
  }) as KafkaMessage;

/** A fake repository (unit test only): fails any batch holding a feed whose id starts with "bad". */
function fakeRepository(error: Error & { code?: string }) {
  const applied: string[][] = [];
  const repo = {
    async applyPolls(events: FeedStatusEvent[]) {
      if (events.some((e) => e.feedId.startsWith('bad'))) throw error;
      applied.push(events.map((e) => e.feedId));
      return { applied: events.length, skipped: 0 };
    },
  } as unknown as FeedStatusRepository;
  return { repo, applied };
}

async function failedCount(metrics: StorageMetrics, reason: string): Promise<string | undefined> {
  return (await metrics.registry.metrics())
    .split('\n')
    .find((l) => l.startsWith(`news_storage_messages_failed_total{topic="feed-status",reason="${reason}"}`))
    ?.split(' ')[1];
}

describe('FeedStatusWriter', () => {
  it('skips an invalid event and a row the database refuses, and applies the rest', async () => {
    const { repo, applied } = fakeRepository(
      Object.assign(new Error('invalid byte sequence'), { code: '22021' }),
    );
    const metrics = new StorageMetrics();
    const writer = new FeedStatusWriter(repo, metrics, pino({ level: 'silent' }));
    await writer.writeBatch(
      [
        message(JSON.stringify(event('a')), '1'),
        message('{"feedId": 1}', '2'),
        message(JSON.stringify(event('bad')), '3'),
        message(JSON.stringify(event('b')), '4'),
      ],
      0,
    );
    // The batch failed on "bad", so the valid events were then applied one at a time.
    expect(applied).toEqual([['a'], ['b']]);
    expect(await failedCount(metrics, 'invalid')).toBe('1');
    expect(await failedCount(metrics, 'rejected')).toBe('1');
  });

  it('lets a connection failure through, so the batch is retried', async () => {
    const { repo, applied } = fakeRepository(
      Object.assign(new Error('connection terminated'), { code: '08006' }),
    );
    const writer = new FeedStatusWriter(repo, new StorageMetrics(), pino({ level: 'silent' }));
    await expect(writer.writeBatch([message(JSON.stringify(event('bad')), '1')], 0)).rejects.toThrow(
      'connection terminated',
    );
    expect(applied).toEqual([]);
  });
});
