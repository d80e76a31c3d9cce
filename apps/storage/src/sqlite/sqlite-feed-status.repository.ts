import type { FeedStatusEvent } from '@news/contracts';
import { foldPolls, type FeedHealthState } from '../feeds/feed-health.js';
import type { FeedStatusRepository } from '../feeds/feed-status.repository.js';
import { isoInstant, type PublicApi, type SqliteDatabase } from './sqlite-database.js';

export type FeedStatusStore = PublicApi<FeedStatusRepository>;

interface FeedStatusRow {
  feed_id: string;
  feed_url: string;
  last_outcome: FeedStatusEvent['outcome'];
  last_http_status: number | null;
  last_latency_ms: number;
  last_new_items: number;
  last_polled_at: string;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  polls: number;
  failures: number;
  consecutive_failures: number;
}

const COLUMNS = [
  'feed_id',
  'feed_url',
  'last_outcome',
  'last_http_status',
  'last_latency_ms',
  'last_new_items',
  'last_polled_at',
  'last_success_at',
  'last_error',
  'last_error_at',
  'polls',
  'failures',
  'consecutive_failures',
] as const;

/**
 * The latest poll of each feed and its counters, in the SQLite store. The rules are the
 * PostgreSQL repository's (feed-health.ts folds the polls); no row locks are needed, because
 * the batch runs in one immediate transaction and SQLite has one writer at a time.
 */
export class SqliteFeedStatusRepository implements FeedStatusStore {
  private readonly apply;

  constructor(private readonly db: SqliteDatabase) {
    const upsert = db.prepare<FeedStatusRow>(
      `INSERT INTO feed_status (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (feed_id) DO UPDATE SET
         ${COLUMNS.filter((c) => c !== 'feed_id')
           .map((c) => `${c} = excluded.${c}`)
           .join(', ')},
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    );
    this.apply = db.transaction((events: readonly FeedStatusEvent[]) => {
      const ids = [...new Set(events.map((e) => e.feedId))];
      const rows = db
        .prepare<string[], FeedStatusRow>(
          `SELECT ${COLUMNS.join(', ')} FROM feed_status WHERE feed_id IN (${ids.map(() => '?').join(', ')})`,
        )
        .all(...ids);
      const { changed, applied, skipped } = foldPolls(
        new Map(rows.map((r) => [r.feed_id, toState(r)])),
        events,
      );
      for (const state of changed) upsert.run(toRow(state));
      return { applied, skipped };
    });
  }

  /** Applies a batch of polls in one transaction; polls already applied are skipped. */
  async applyPolls(events: readonly FeedStatusEvent[]): Promise<{ applied: number; skipped: number }> {
    if (events.length === 0) return { applied: 0, skipped: 0 };
    return this.apply.immediate(events);
  }

  /** Every feed, failing ones first, then by URL. */
  async list(): Promise<FeedHealthState[]> {
    return this.db
      .prepare<[], FeedStatusRow>(
        `SELECT ${COLUMNS.join(', ')} FROM feed_status ORDER BY consecutive_failures > 0 DESC, feed_url, feed_id`,
      )
      .all()
      .map(toState);
  }
}

const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));

function toState(r: FeedStatusRow): FeedHealthState {
  return {
    feedId: r.feed_id,
    feedUrl: r.feed_url,
    lastOutcome: r.last_outcome,
    lastHttpStatus: r.last_http_status,
    lastLatencyMs: r.last_latency_ms,
    lastNewItems: r.last_new_items,
    lastPolledAt: new Date(r.last_polled_at),
    lastSuccessAt: dateOrNull(r.last_success_at),
    lastError: r.last_error,
    lastErrorAt: dateOrNull(r.last_error_at),
    polls: r.polls,
    failures: r.failures,
    consecutiveFailures: r.consecutive_failures,
  };
}

function toRow(s: FeedHealthState): FeedStatusRow {
  return {
    feed_id: s.feedId,
    feed_url: s.feedUrl,
    last_outcome: s.lastOutcome,
    last_http_status: s.lastHttpStatus,
    last_latency_ms: s.lastLatencyMs,
    last_new_items: s.lastNewItems,
    last_polled_at: isoInstant(s.lastPolledAt),
    last_success_at: s.lastSuccessAt ? isoInstant(s.lastSuccessAt) : null,
    last_error: s.lastError,
    last_error_at: s.lastErrorAt ? isoInstant(s.lastErrorAt) : null,
    polls: s.polls,
    failures: s.failures,
    consecutive_failures: s.consecutiveFailures,
  };
}
