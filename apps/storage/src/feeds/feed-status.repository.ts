import type { FeedStatusEvent } from '@news/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { foldPolls, type FeedHealthState } from './feed-health.js';
import {
  FEED_STATUS_COLUMNS,
  toFeedHealthState,
  toFeedStatusRow,
  type FeedStatusRow,
} from './feed-status-row.js';

/** Another writer created one of this batch's feeds first; retrying the batch reads its row. */
export class ConcurrentFeedStatusError extends Error {
  constructor(feedIds: string[]) {
    super(`feed_status rows appeared concurrently for ${feedIds.join(', ')}; the batch will be retried`);
    this.name = 'ConcurrentFeedStatusError';
  }
}

const RECORD = `r(feed_id text, feed_url text, last_outcome text, last_http_status int, last_latency_ms double precision,
  last_new_items int, last_polled_at timestamptz, last_success_at timestamptz, last_error text,
  last_error_at timestamptz, polls int, failures int, consecutive_failures int)`;

const COLUMNS = FEED_STATUS_COLUMNS.join(', ');

/** The `feed_status` table: the latest poll of each feed and its counters. */
export class FeedStatusRepository {
  /** `reads` is the API's pool (see readDataSourceOptions); the consumer's writes use `dataSource`. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly reads: DataSource = dataSource,
  ) {}

  /**
   * Applies a batch of polls in one transaction: the batch's feeds are locked and read, the
   * polls folded on in TypeScript (feed-health.ts, where the rules are tested), and the changed
   * rows written back. Polls already applied are skipped, so a redelivered batch changes nothing.
   */
  async applyPolls(events: readonly FeedStatusEvent[]): Promise<{ applied: number; skipped: number }> {
    if (events.length === 0) return { applied: 0, skipped: 0 };
    return this.dataSource.transaction(async (manager) => {
      const ids = [...new Set(events.map((e) => e.feedId))].sort();
      // FOR UPDATE: a second writer of the same feeds waits, then reads what this one wrote.
      const rows: FeedStatusRow<Date>[] = await manager.query(
        `SELECT ${COLUMNS} FROM feed_status WHERE feed_id = ANY($1) ORDER BY feed_id FOR UPDATE`,
        [ids],
      );
      const current = new Map(rows.map((r) => [r.feed_id, toFeedHealthState(r)]));
      const { changed, applied, skipped } = foldPolls(current, events);
      await this.insertNew(
        manager,
        changed.filter((s) => !current.has(s.feedId)),
      );
      await this.updateExisting(
        manager,
        changed.filter((s) => current.has(s.feedId)),
      );
      return { applied, skipped };
    });
  }

  /** Feeds this batch saw first. A row that exists by now was created concurrently: retry. */
  private async insertNew(manager: EntityManager, states: FeedHealthState[]): Promise<void> {
    if (states.length === 0) return;
    const inserted: { feed_id: string }[] = await manager.query(
      `INSERT INTO feed_status (${COLUMNS})
       SELECT ${COLUMNS} FROM jsonb_to_recordset($1::jsonb) AS ${RECORD}
       ON CONFLICT (feed_id) DO NOTHING
       RETURNING feed_id`,
      [JSON.stringify(states.map(toFeedStatusRow))],
    );
    if (inserted.length < states.length) {
      const done = new Set(inserted.map((r) => r.feed_id));
      throw new ConcurrentFeedStatusError(states.map((s) => s.feedId).filter((id) => !done.has(id)));
    }
  }

  private async updateExisting(manager: EntityManager, states: FeedHealthState[]): Promise<void> {
    if (states.length === 0) return;
    await manager.query(
      `UPDATE feed_status f SET
         feed_url = r.feed_url, last_outcome = r.last_outcome, last_http_status = r.last_http_status,
         last_latency_ms = r.last_latency_ms, last_new_items = r.last_new_items, last_polled_at = r.last_polled_at,
         last_success_at = r.last_success_at, last_error = r.last_error, last_error_at = r.last_error_at,
         polls = r.polls, failures = r.failures, consecutive_failures = r.consecutive_failures, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS ${RECORD}
       WHERE f.feed_id = r.feed_id`,
      [JSON.stringify(states.map(toFeedStatusRow))],
    );
  }

  /** Every feed, failing ones first, then by URL. */
  async list(): Promise<FeedHealthState[]> {
    const rows: FeedStatusRow<Date>[] = await this.reads.query(
      `SELECT ${COLUMNS} FROM feed_status ORDER BY consecutive_failures > 0 DESC, feed_url, feed_id`,
    );
    return rows.map(toFeedHealthState);
  }
}
