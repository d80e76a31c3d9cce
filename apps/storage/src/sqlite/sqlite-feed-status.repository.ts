import type { FeedStatusEvent } from '@news/contracts';
import { foldPolls, type FeedHealthState } from '../feeds/feed-health.js';
import {
  FEED_STATUS_COLUMNS,
  toFeedHealthState,
  toFeedStatusRow,
  type FeedStatusRow,
} from '../feeds/feed-status-row.js';
import type { FeedStatusRepository } from '../feeds/feed-status.repository.js';
import type { PublicApi, SqliteDatabase } from './sqlite-database.js';

export type FeedStatusStore = PublicApi<FeedStatusRepository>;

/**
 * The latest poll of each feed and its counters, in the SQLite store. The rules are the
 * PostgreSQL repository's (feed-health.ts folds the polls); no row locks are needed, because
 * the batch runs in one immediate transaction and SQLite has one writer at a time.
 */
export class SqliteFeedStatusRepository implements FeedStatusStore {
  private readonly apply;

  constructor(private readonly db: SqliteDatabase) {
    const upsert = db.prepare<FeedStatusRow>(
      `INSERT INTO feed_status (${FEED_STATUS_COLUMNS.join(', ')}) VALUES (${FEED_STATUS_COLUMNS.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (feed_id) DO UPDATE SET
         ${FEED_STATUS_COLUMNS.filter((c) => c !== 'feed_id')
           .map((c) => `${c} = excluded.${c}`)
           .join(', ')},
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    );
    this.apply = db.transaction((events: readonly FeedStatusEvent[]) => {
      const ids = [...new Set(events.map((e) => e.feedId))];
      const rows = db
        .prepare<string[], FeedStatusRow>(
          `SELECT ${FEED_STATUS_COLUMNS.join(', ')} FROM feed_status WHERE feed_id IN (${ids.map(() => '?').join(', ')})`,
        )
        .all(...ids);
      const { changed, applied, skipped } = foldPolls(
        new Map(rows.map((r) => [r.feed_id, toFeedHealthState(r)])),
        events,
      );
      for (const state of changed) upsert.run(toFeedStatusRow(state));
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
        `SELECT ${FEED_STATUS_COLUMNS.join(', ')} FROM feed_status ORDER BY consecutive_failures > 0 DESC, feed_url, feed_id`,
      )
      .all()
      .map(toFeedHealthState);
  }
}
