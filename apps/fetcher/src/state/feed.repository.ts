import type { DataSource, Repository } from 'typeorm';
import { FeedEntity } from './feed.entity.js';

export interface SyncResult {
  added: string[];
  deactivated: string[];
}

/** Per-feed state in `fetcher_feeds`: which feeds exist, when each is due, and how it has been doing. */
export class FeedRepository {
  private readonly repo: Repository<FeedEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(FeedEntity);
  }

  /**
   * Makes the table match the configured list. New feeds are due at once; a
   * feed that is back in the list is due at once too. A feed no longer
   * listed is deactivated, not deleted: its validators, schedule and
   * seen-items survive being removed and added back.
   */
  async sync(urls: string[], intervalSeconds: number): Promise<SyncResult> {
    return this.repo.manager.transaction(async (tx) => {
      const added: { url: string }[] = await tx.query(
        `INSERT INTO fetcher_feeds (url, interval_seconds, next_poll_at)
         SELECT u, $2, now() FROM unnest($1::text[]) AS u
         ON CONFLICT (url) DO NOTHING
         RETURNING url`,
        [urls, intervalSeconds],
      );
      await tx.query(
        `UPDATE fetcher_feeds SET active = true, next_poll_at = LEAST(next_poll_at, now())
         WHERE url = ANY($1::text[]) AND NOT active`,
        [urls],
      );
      const [deactivated]: [{ url: string }[], number] = await tx.query(
        `UPDATE fetcher_feeds SET active = false WHERE active AND NOT (url = ANY($1::text[])) RETURNING url`,
        [urls],
      );
      return { added: added.map((r) => r.url), deactivated: deactivated.map((r) => r.url) };
    });
  }

  /** The feed's state, created (active, due now) when it is not known yet. */
  async ensure(url: string, intervalSeconds: number): Promise<FeedEntity> {
    await this.repo.manager.query(
      `INSERT INTO fetcher_feeds (url, interval_seconds, next_poll_at) VALUES ($1, $2, now())
       ON CONFLICT (url) DO NOTHING`,
      [url, intervalSeconds],
    );
    return this.repo.findOneByOrFail({ url });
  }

  async find(url: string): Promise<FeedEntity | null> {
    return this.repo.findOneBy({ url });
  }

  /** Active feeds due at `now`, most overdue first, leaving out those being polled. */
  async due(now: Date, limit: number, exclude: string[]): Promise<string[]> {
    if (limit <= 0) return [];
    const rows: { url: string }[] = await this.repo.manager.query(
      `SELECT url FROM fetcher_feeds
       WHERE active AND next_poll_at <= $1 AND NOT (url = ANY($2::text[]))
       ORDER BY next_poll_at LIMIT $3`,
      [now, exclude, limit],
    );
    return rows.map((r) => r.url);
  }

  /**
   * Claims up to `limit` active feeds due at `now` for `owner`, most overdue
   * first, until `now + leaseSeconds`. A feed leased to another instance is
   * left alone until its lease runs out (its owner may have died), and rows
   * another instance is claiming at this very moment are skipped, not
   * waited for: two instances never get the same feed.
   */
  async claimDue(now: Date, limit: number, owner: string, leaseSeconds: number): Promise<string[]> {
    if (limit <= 0) return [];
    const [rows]: [{ url: string }[], number] = await this.repo.manager.query(
      `UPDATE fetcher_feeds f
       SET lease_owner = $3, lease_until = $1::timestamptz + make_interval(secs => $4)
       FROM (
         SELECT url FROM fetcher_feeds
         WHERE active AND next_poll_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
         ORDER BY next_poll_at
         LIMIT $2
         FOR UPDATE SKIP LOCKED
       ) due
       WHERE f.url = due.url
       RETURNING f.url`,
      [now, limit, owner, leaseSeconds],
    );
    return rows.map((r) => r.url);
  }

  /** Extends the leases `owner` still holds on `urls` (polls that are taking long). */
  async renewLeases(now: Date, urls: string[], owner: string, leaseSeconds: number): Promise<void> {
    if (urls.length === 0) return;
    await this.repo.manager.query(
      `UPDATE fetcher_feeds SET lease_until = $1::timestamptz + make_interval(secs => $4)
       WHERE url = ANY($2::text[]) AND lease_owner = $3`,
      [now, urls, owner, leaseSeconds],
    );
  }

  /** Gives the feed back once its poll ended; a lease since taken over by another instance is not touched. */
  async releaseLease(url: string, owner: string): Promise<void> {
    await this.repo.manager.query(
      `UPDATE fetcher_feeds SET lease_owner = NULL, lease_until = NULL WHERE url = $1 AND lease_owner = $2`,
      [url, owner],
    );
  }

  async countDue(now: Date): Promise<number> {
    const [row]: { count: string }[] = await this.repo.manager.query(
      'SELECT count(*) FROM fetcher_feeds WHERE active AND next_poll_at <= $1',
      [now],
    );
    return Number(row.count);
  }

  async save(feed: FeedEntity): Promise<void> {
    await this.repo.save(feed);
  }
}
