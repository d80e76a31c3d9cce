import type { FeedStatusEvent } from '@news/contracts';
import type { FeedHealthState } from './feed-health.js';

/** The columns of `feed_status` both stores read and write, in one order. */
export const FEED_STATUS_COLUMNS = [
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
 * A `feed_status` row. Instants are written as ISO text to either store; PostgreSQL reads them
 * back as Date, SQLite as the same text.
 */
export interface FeedStatusRow<Instant = string> {
  feed_id: string;
  feed_url: string;
  last_outcome: FeedStatusEvent['outcome'];
  last_http_status: number | null;
  last_latency_ms: number;
  last_new_items: number;
  last_polled_at: Instant;
  last_success_at: Instant | null;
  last_error: string | null;
  last_error_at: Instant | null;
  polls: number;
  failures: number;
  consecutive_failures: number;
}

const dateOrNull = (value: string | Date | null) => (value === null ? null : new Date(value));

export function toFeedHealthState(r: FeedStatusRow<string | Date>): FeedHealthState {
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

export function toFeedStatusRow(s: FeedHealthState): FeedStatusRow {
  return {
    feed_id: s.feedId,
    feed_url: s.feedUrl,
    last_outcome: s.lastOutcome,
    last_http_status: s.lastHttpStatus,
    last_latency_ms: s.lastLatencyMs,
    last_new_items: s.lastNewItems,
    last_polled_at: s.lastPolledAt.toISOString(),
    last_success_at: s.lastSuccessAt?.toISOString() ?? null,
    last_error: s.lastError,
    last_error_at: s.lastErrorAt?.toISOString() ?? null,
    polls: s.polls,
    failures: s.failures,
    consecutive_failures: s.consecutiveFailures,
  };
}
