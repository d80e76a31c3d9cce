import { describe, expect, it } from '@jest/globals';
import type { FetchedResource, FetchLimits } from '@news/http-fetch';
import { PoliteFetcher, type ResourceFetcher } from './polite-fetcher.js';

const LIMITS: FetchLimits = { maxBytes: 1024, timeoutMs: 1000 };

/** A client whose requests stay open until the test answers them, counting what is in flight per host. */
class HeldFetcher implements ResourceFetcher {
  readonly started: string[] = [];
  readonly maxInFlight = new Map<string, number>();
  maxTotal = 0;
  private readonly inFlight = new Map<string, number>();
  private readonly open: (() => void)[] = [];

  async fetch(url: string): Promise<FetchedResource> {
    const host = new URL(url).hostname;
    this.started.push(url);
    this.inFlight.set(host, (this.inFlight.get(host) ?? 0) + 1);
    this.maxInFlight.set(host, Math.max(this.maxInFlight.get(host) ?? 0, this.inFlight.get(host) ?? 0));
    this.maxTotal = Math.max(this.maxTotal, this.total());
    await new Promise<void>((resolve) => this.open.push(resolve));
    this.inFlight.set(host, (this.inFlight.get(host) ?? 1) - 1);
    return {
      requestedUrl: url,
      finalUrl: url,
      status: 200,
      contentType: null,
      headers: {},
      body: Buffer.alloc(0),
    };
  }

  private total(): number {
    return [...this.inFlight.values()].reduce((a, b) => a + b, 0);
  }

  /** Answers every open request, lets the waiting ones start, and repeats until none is left. */
  async drain(): Promise<void> {
    for (let round = 0; round < 100; round++) {
      await new Promise((r) => setImmediate(r));
      if (this.open.length === 0) return;
      this.open.splice(0).forEach((answer) => answer());
    }
  }
}

describe('PoliteFetcher', () => {
  it('keeps at most two requests in flight to one host, and the global limit over all hosts', async () => {
    const held = new HeldFetcher();
    const polite = new PoliteFetcher(held, { globalConcurrency: 3, perHostConcurrency: 2, hostDelayMs: 0 });
    const urls = [
      ...Array.from({ length: 5 }, (_, i) => `http://a.example/${i}`),
      ...Array.from({ length: 5 }, (_, i) => `http://b.example/${i}`),
    ];
    const all = Promise.all(urls.map((u) => polite.fetch(u, LIMITS)));
    await held.drain();
    await all;
    expect(held.started.sort()).toEqual([...urls].sort());
    expect(held.maxInFlight.get('a.example')).toBe(2);
    expect(held.maxInFlight.get('b.example')).toBeLessThanOrEqual(2);
    expect(held.maxTotal).toBe(3);
  });

  it('waits out the delay between two requests to one host, not between hosts', async () => {
    let clock = 10_000;
    const slept: number[] = [];
    const instant: ResourceFetcher = {
      fetch: async (url) => ({
        requestedUrl: url,
        finalUrl: url,
        status: 200,
        contentType: null,
        headers: {},
        body: Buffer.alloc(0),
      }),
    };
    const polite = new PoliteFetcher(
      instant,
      { globalConcurrency: 4, perHostConcurrency: 2, hostDelayMs: 1000 },
      () => clock,
      async (ms) => {
        slept.push(ms);
        clock += ms;
      },
    );
    await polite.fetch('http://a.example/1', LIMITS);
    clock += 300;
    await polite.fetch('http://a.example/2', LIMITS); // 300 ms after the first: waits 700
    await polite.fetch('http://b.example/1', LIMITS); // another host: no wait
    clock += 5000;
    await polite.fetch('http://a.example/3', LIMITS); // long after: no wait
    expect(slept).toEqual([700]);
  });
});
