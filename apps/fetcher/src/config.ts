import { envBoolean, envBrokers, envPort, envPositiveInt, envPostgresUrl, loadEnv } from '@news/runtime';
import type { FetchLimits } from '@news/http-fetch';
import { z } from 'zod';

export const FetcherConfigSchema = z.object({
  NEWS_FEEDS: z.string().optional(),
  FEEDS_FILE: z.string().default('config/feeds.yaml'),
  FETCH_INTERVAL_SECONDS: envPositiveInt(300),
  FETCHER_ALLOW_PRIVATE_NETWORKS: envBoolean(false),
  FETCH_USER_AGENT: z
    .string()
    .default(
      'NewsIngestionBot/0.1 (+https://github.com/news-ingestion/news-ingestion; automated news ingestion)',
    ),
  /**
   * Feeds polled at once, and requests in flight over all hosts. Claims are
   * spread over hosts, at most FETCH_PER_HOST_CONCURRENCY feeds each, so this
   * is enough to keep 200 hosts busy at the defaults; a poll waiting for its
   * host costs little memory. Raise it when the feeds span more hosts.
   */
  FETCH_CONCURRENCY: envPositiveInt(400),
  FETCH_MIN_INTERVAL_SECONDS: envPositiveInt(120),
  FETCH_MAX_INTERVAL_SECONDS: envPositiveInt(86_400),
  FETCH_PER_HOST_CONCURRENCY: envPositiveInt(2),
  FETCH_HOST_DELAY_MS: z.coerce
    .number({ error: 'expected a number' })
    .int('expected a whole number')
    .min(0, 'expected 0 or more')
    .default(1000),
  /** Whether article pages are fetched only where the site's robots.txt allows our User-Agent. */
  FETCH_RESPECT_ROBOTS: envBoolean(true),
  /** How long a feed claimed by an instance stays its own if the instance stops renewing (dies). */
  FETCH_LEASE_SECONDS: envPositiveInt(120),
  FETCHER_PORT: envPort(3001),
  FETCHER_HOST: z.string().min(1).default('127.0.0.1'),
  KAFKA_BROKERS: envBrokers,
  DATABASE_URL: envPostgresUrl,
});
export type FetcherConfig = z.infer<typeof FetcherConfigSchema>;

export const FETCHER_CONFIG = Symbol('FETCHER_CONFIG');

export function loadFetcherConfig(env: NodeJS.ProcessEnv = process.env): FetcherConfig {
  return loadEnv(FetcherConfigSchema, env);
}

export interface FetchLimitsConfig {
  feed: FetchLimits;
  page: FetchLimits;
  /** A page that failed this many polls in a row is given up (and logged), not retried forever. */
  maxPageAttempts: number;
  /** Bounds on one feed's seen-item state; items still in the feed are always kept. */
  seenItems: { maxAgeDays: number; maxItemsPerFeed: number };
  /** robots.txt: what is read of it, and how long a host's answer is trusted. */
  robots: FetchLimits & { ttlSeconds: number; errorTtlSeconds: number };
  /** A site page read for feed discovery, and each feed candidate probed. */
  discovery: FetchLimits;
  /** Largest OPML document accepted by the import endpoint. */
  opmlMaxBytes: number;
}

/** Limits on what the fetcher reads from the network. */
export const LIMITS: FetchLimitsConfig = {
  feed: { maxBytes: 10 * 1024 * 1024, timeoutMs: 30_000 },
  page: { maxBytes: 5 * 1024 * 1024, timeoutMs: 30_000 },
  maxPageAttempts: 5,
  seenItems: { maxAgeDays: 90, maxItemsPerFeed: 5000 },
  // RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt.
  robots: { maxBytes: 512 * 1024, timeoutMs: 10_000, ttlSeconds: 3600, errorTtlSeconds: 600 },
  discovery: { maxBytes: 2 * 1024 * 1024, timeoutMs: 15_000 },
  opmlMaxBytes: 1024 * 1024,
};
