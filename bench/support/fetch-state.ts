import { canonicalizeUrl } from '@news/extraction';
import { ensureDatabase } from '@news/runtime';
import { DataSource } from 'typeorm';
import { fetcherDataSourceOptions } from '../../apps/fetcher/src/state/data-source-options.js';
import { FeedRepository } from '../../apps/fetcher/src/state/feed.repository.js';
import type { BenchDatabase } from './bench-database.js';

/** Rows per INSERT … unnest(): large enough to be quick, small enough for one statement. */
const SEED_CHUNK = 20_000;

export interface SeedFeed {
  url: string;
  /** Article links the feed lists now, which a fetcher in its steady state has already published. */
  articleUrls: string[];
}

/**
 * The state of a fetcher that has been running for a while, before it
 * starts: its tables made by its own migrations, the feeds registered by its
 * own config sync (whatever columns the registry needs), and every item the
 * feeds list now already published. Without the seen-items the first poll
 * would fetch 20 pages per feed (200,000 for the full farm): a back-fill,
 * not the cycle the issue asks about. Validators stay empty, so the first
 * cycle reads every feed in full and fills them. Nothing is due until the
 * bench starts a cycle.
 */
export async function prepareFetcherState(
  db: BenchDatabase,
  feeds: readonly SeedFeed[],
  intervalSeconds: number,
): Promise<void> {
  await ensureDatabase(db.url);
  const dataSource = new DataSource(fetcherDataSourceOptions(db.url));
  await dataSource.initialize();
  try {
    await new FeedRepository(dataSource).sync(
      feeds.map((f) => f.url),
      intervalSeconds,
    );
  } finally {
    await dataSource.destroy();
  }
  await db.query(`UPDATE fetcher_feeds SET next_poll_at = now() + interval '1 day'`);
  const rows = feeds.flatMap((f) => f.articleUrls.map((link) => [f.url, canonicalizeUrl(link), link]));
  for (let i = 0; i < rows.length; i += SEED_CHUNK) {
    const chunk = rows.slice(i, i + SEED_CHUNK);
    await db.query(
      `INSERT INTO fetcher_item_state (feed_url, item_key, status, article_url)
       SELECT f, k, 'published', a FROM unnest($1::text[], $2::text[], $3::text[]) AS t(f, k, a)`,
      [chunk.map((r) => r[0]), chunk.map((r) => r[1]), chunk.map((r) => r[2])],
    );
  }
}

/**
 * Makes every active feed due now, spread over the last 10 seconds (the
 * scheduler takes the most overdue first, so the spread shuffles the order
 * across hosts the way jittered schedules do). Returns when that happened.
 */
export async function makeAllDue(db: BenchDatabase): Promise<Date> {
  const [row] = await db.query<{ at: Date }>(
    `WITH due AS (
       UPDATE fetcher_feeds SET next_poll_at = now() - random() * interval '10 seconds'
       WHERE active RETURNING 1)
     SELECT now() AS at, (SELECT count(*) FROM due) AS n`,
  );
  return (row as { at: Date }).at;
}

export interface CycleProgress {
  polled: number;
  failed: number;
  lastPolledAt: Date | null;
}

/** How many active feeds were polled since `since`, the failed among them, and the last poll's time. */
export async function cycleProgress(db: BenchDatabase, since: Date): Promise<CycleProgress> {
  const [row] = await db.query<{ polled: string; failed: string; last: Date | null }>(
    `SELECT count(*) AS polled,
            count(*) FILTER (WHERE consecutive_failures > 0) AS failed,
            max(last_polled_at) AS last
     FROM fetcher_feeds WHERE active AND last_polled_at >= $1`,
    [since],
  );
  return {
    polled: Number(row?.polled ?? 0),
    failed: Number(row?.failed ?? 0),
    lastPolledAt: row?.last ?? null,
  };
}

/** Items recorded as published since `since`: the new items' pages that reached Kafka. */
export async function pagesPublishedSince(db: BenchDatabase, since: Date): Promise<number> {
  const [row] = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM fetcher_item_state WHERE status = 'published' AND updated_at >= $1`,
    [since],
  );
  return Number(row?.n ?? 0);
}
