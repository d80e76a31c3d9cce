import type { FetchedResource, FetchLimits } from '@news/http-fetch';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ResourceFetcher } from '../politeness/polite-fetcher.js';
import type { FeedRepository } from '../state/feed.repository.js';

export type PollOutcome = 'ok' | 'not-modified' | 'error';

/**
 * The fetcher's Prometheus metrics beyond its progress counters, registered
 * in the same registry so that `/metrics` shows them all: polls by outcome,
 * poll latency, bytes fetched, new items, and feeds due now.
 */
export class FetcherMetrics {
  private readonly polls: Counter<'outcome'>;
  private readonly pollSeconds: Histogram;
  private readonly bytes: Counter<'kind'>;
  private readonly newItems: Counter;

  constructor(
    registry: Registry,
    feeds: Pick<FeedRepository, 'countDue'>,
    clock: () => Date = () => new Date(),
  ) {
    this.polls = new Counter({
      name: 'news_fetcher_polls_total',
      help: 'fetcher: feed polls by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    });
    for (const outcome of ['ok', 'not-modified', 'error'] as const) this.polls.inc({ outcome }, 0);
    this.pollSeconds = new Histogram({
      name: 'news_fetcher_poll_duration_seconds',
      help: 'fetcher: time of one feed poll, its pages included',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [registry],
    });
    this.bytes = new Counter({
      name: 'news_fetcher_fetched_bytes_total',
      help: 'fetcher: bytes of feeds and pages read (after decompression)',
      labelNames: ['kind'],
      registers: [registry],
    });
    this.newItems = new Counter({
      name: 'news_fetcher_new_items_total',
      help: 'fetcher: feed items not published before, found by polls',
      registers: [registry],
    });
    new Gauge({
      name: 'news_fetcher_feeds_due',
      help: 'fetcher: active feeds due now (read from PostgreSQL at scrape)',
      registers: [registry],
      async collect() {
        this.set(await feeds.countDue(clock()));
      },
    });
  }

  observePoll(outcome: PollOutcome, seconds: number, newItems: number): void {
    this.polls.inc({ outcome });
    this.pollSeconds.observe(seconds);
    if (newItems > 0) this.newItems.inc(newItems);
  }

  fetched(kind: 'feed' | 'page', bytes: number): void {
    this.bytes.inc({ kind }, bytes);
  }

  /** `http` with the bytes of every response it reads counted, as feed or page by the caller. */
  metered(http: ResourceFetcher, kind: 'feed' | 'page'): ResourceFetcher {
    return {
      fetch: async (
        url: string,
        limits: FetchLimits,
        headers?: Record<string, string>,
      ): Promise<FetchedResource> => {
        const response = await http.fetch(url, limits, headers);
        this.fetched(kind, response.body.length);
        return response;
      },
    };
  }
}
