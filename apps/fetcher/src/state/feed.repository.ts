import type { DataSource, FindOptionsWhere, Repository } from 'typeorm';
import { feedIdFor } from './feed-id.js';
import { FeedEntity } from './feed.entity.js';

export interface SyncResult {
  added: string[];
  deactivated: string[];
}

/** A feed of the feeds file: its URL and, optionally, the name to show for it. */
export interface ConfiguredFeed {
  url: string;
  name?: string;
}

/** Feeds by what the scheduler does with them: polled, paused, left the config list, failing. */
export type FeedStatusFilter = 'active' | 'paused' | 'inactive' | 'unhealthy';

export interface FeedPage {
  feeds: FeedEntity[];
  total: number;
}

/** What registering a feed through the API did. */
export type AddOutcome =
  | { kind: 'added'; feed: FeedEntity }
  /** Known but inactive (it had left the feeds file): active again, its history kept. */
  | { kind: 'reactivated'; feed: FeedEntity }
  | { kind: 'exists'; feed: FeedEntity };

/** Per-feed state in `fetcher_feeds`: which feeds exist, when each is due, and how it has been doing. */
export class FeedRepository {
  private readonly repo: Repository<FeedEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(FeedEntity);
  }

  /**
   * Makes the config feeds match the configured list. New feeds are due at
   * once; a feed that is back in the list is due at once too. A config feed
   * no longer listed is deactivated, not deleted: its validators, schedule
   * and seen-items survive being removed and added back. Feeds added through
   * the API are not the file's to remove; a listed one becomes a config feed.
   */
  async sync(feeds: (string | ConfiguredFeed)[], intervalSeconds: number): Promise<SyncResult> {
    const byId = new Map<string, ConfiguredFeed>();
    for (const entry of feeds) {
      const feed = typeof entry === 'string' ? { url: entry } : entry;
      // Two spellings of one canonical URL are one feed: the first listed wins.
      if (!byId.has(feedIdFor(feed.url))) byId.set(feedIdFor(feed.url), feed);
    }
    const urls = [...byId.values()].map((f) => f.url);
    const ids = [...byId.keys()];
    const titles = [...byId.values()].map((f) => f.name?.trim() || null);
    return this.repo.manager.transaction(async (tx) => {
      const added: { url: string }[] = await tx.query(
        `INSERT INTO fetcher_feeds (url, id, title, origin, interval_seconds, next_poll_at)
         SELECT t.url, t.id, t.title, 'config', $4, now()
         FROM unnest($1::text[], $2::text[], $3::text[]) AS t(url, id, title)
         ON CONFLICT DO NOTHING
         RETURNING url`,
        [urls, ids, titles, intervalSeconds],
      );
      // The file's name is the operator's word: it replaces a title found in the feed.
      await tx.query(
        `UPDATE fetcher_feeds f SET origin = 'config', title = COALESCE(t.title, f.title)
         FROM unnest($1::text[], $2::text[]) AS t(id, title)
         WHERE f.id = t.id
           AND (f.origin <> 'config' OR (t.title IS NOT NULL AND t.title IS DISTINCT FROM f.title))`,
        [ids, titles],
      );
      // By id, not URL: a feed listed under another spelling of its URL is the same feed.
      await tx.query(
        `UPDATE fetcher_feeds SET active = true, next_poll_at = LEAST(next_poll_at, now())
         WHERE id = ANY($1::text[]) AND NOT active`,
        [ids],
      );
      const [deactivated]: [{ url: string }[], number] = await tx.query(
        `UPDATE fetcher_feeds SET active = false
         WHERE active AND origin = 'config' AND NOT (id = ANY($1::text[])) RETURNING url`,
        [ids],
      );
      return { added: added.map((r) => r.url), deactivated: deactivated.map((r) => r.url) };
    });
  }

  /** The feed's state, created (active, due now) when it is not known yet. */
  async ensure(url: string, intervalSeconds: number): Promise<FeedEntity> {
    // Every poll starts here, and the feed is nearly always known: one read then, not an insert and a read.
    const known = await this.repo.findOneBy({ url });
    if (known) return known;
    await this.repo.manager.query(
      `INSERT INTO fetcher_feeds (url, id, interval_seconds, next_poll_at) VALUES ($1, $2, $3, now())
       ON CONFLICT DO NOTHING`,
      [url, feedIdFor(url), intervalSeconds],
    );
    // Known under another spelling of the same canonical URL: that is this feed's state.
    return (await this.repo.findOneBy({ url })) ?? this.repo.findOneByOrFail({ id: feedIdFor(url) });
  }

  async find(url: string): Promise<FeedEntity | null> {
    return this.repo.findOneBy({ url });
  }

  async findById(id: string): Promise<FeedEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** Oldest registered first, so that pages stay stable while feeds are added. */
  async list(status: FeedStatusFilter | undefined, limit: number, offset: number): Promise<FeedPage> {
    const where: Record<FeedStatusFilter, FindOptionsWhere<FeedEntity>> = {
      active: { active: true, paused: false },
      paused: { paused: true },
      inactive: { active: false },
      unhealthy: { unhealthy: true },
    };
    const [feeds, total] = await this.repo.findAndCount({
      where: status ? where[status] : {},
      order: { createdAt: 'ASC', url: 'ASC' },
      skip: offset,
      take: limit,
    });
    return { feeds, total };
  }

  /** Every feed still followed (active, paused or not), oldest registered first: what an OPML export lists. */
  async allFollowed(): Promise<FeedEntity[]> {
    return this.repo.find({ where: { active: true }, order: { createdAt: 'ASC', url: 'ASC' } });
  }

  /**
   * Registers a feed from the API (or an OPML import), due at once. A feed
   * already known under the same canonical URL is not added twice; an
   * inactive one (it left the feeds file) is made active again as an API feed.
   */
  async add(url: string, title: string | null, intervalSeconds: number): Promise<AddOutcome> {
    const id = feedIdFor(url);
    const kind = await this.repo.manager.transaction(async (tx): Promise<AddOutcome['kind']> => {
      const inserted: { url: string }[] = await tx.query(
        `INSERT INTO fetcher_feeds (url, id, title, origin, interval_seconds, next_poll_at)
         VALUES ($1, $2, $3, 'api', $4, now())
         ON CONFLICT DO NOTHING RETURNING url`,
        [url, id, title, intervalSeconds],
      );
      if (inserted.length > 0) return 'added';
      const [, reactivated]: [unknown, number] = await tx.query(
        `UPDATE fetcher_feeds SET active = true, origin = 'api', next_poll_at = LEAST(next_poll_at, now()),
           title = COALESCE($2, title)
         WHERE id = $1 AND NOT active`,
        [id, title],
      );
      return reactivated > 0 ? 'reactivated' : 'exists';
    });
    return { kind, feed: await this.repo.findOneByOrFail({ id }) } as AddOutcome;
  }

  /** Pauses or resumes a feed; a resumed feed is due at once. Null when there is no such feed. */
  async setPaused(id: string, paused: boolean): Promise<FeedEntity | null> {
    await this.repo.manager.query(
      `UPDATE fetcher_feeds SET paused = $2, next_poll_at = CASE WHEN $2 THEN next_poll_at ELSE now() END
       WHERE id = $1`,
      [id, paused],
    );
    return this.findById(id);
  }

  /**
   * Forgets a feed and its seen-items. A poll under way finishes, but its
   * state update finds no row and writes nothing: the feed stays deleted.
   */
  async remove(id: string): Promise<FeedEntity | null> {
    return this.repo.manager.transaction(async (tx) => {
      const feed = await tx.getRepository(FeedEntity).findOneBy({ id });
      if (!feed) return null;
      await tx.query('DELETE FROM fetcher_feeds WHERE id = $1', [id]);
      await tx.query('DELETE FROM fetcher_item_state WHERE feed_url = $1', [feed.url]);
      return feed;
    });
  }

  /** The feed's own title, kept only while nobody (file, API, OPML) gave it one. */
  async rememberTitle(url: string, title: string): Promise<void> {
    await this.repo.manager.query('UPDATE fetcher_feeds SET title = $2 WHERE url = $1 AND title IS NULL', [
      url,
      title.slice(0, 500),
    ]);
  }

  /** Active feeds due at `now`, most overdue first, leaving out those being polled. */
  async due(now: Date, limit: number, exclude: string[]): Promise<string[]> {
    if (limit <= 0) return [];
    const rows: { url: string }[] = await this.repo.manager.query(
      `SELECT url FROM fetcher_feeds
       WHERE active AND NOT paused AND next_poll_at <= $1 AND NOT (url = ANY($2::text[]))
       ORDER BY next_poll_at LIMIT $3`,
      [now, exclude, limit],
    );
    return rows.map((r) => r.url);
  }

  /**
   * Claims up to `limit` active feeds due at `now` for `owner`, until
   * `now + leaseSeconds`. A feed leased to another instance is left alone
   * until its lease runs out (its owner may have died), and rows another
   * instance is claiming at this very moment are skipped, not waited for:
   * two instances never get the same feed.
   *
   * The claim goes round the hosts: each host's due feeds are ranked most
   * overdue first, after the feeds of that host already under lease (by any
   * instance), and the first place of every host is taken before any second
   * one. With `perHostLimit`, a host never has more than that many feeds
   * under lease: a host only serves a request per politeness delay, so more
   * of its feeds would sit at its gate holding slots that idle hosts could
   * use. Two instances claiming at the same instant may each see the other's
   * claims as not yet made and go one over the limit for a moment; the
   * per-host gates of each process still keep the requests spaced.
   */
  async claimDue(
    now: Date,
    limit: number,
    owner: string,
    leaseSeconds: number,
    perHostLimit: number | null = null,
  ): Promise<string[]> {
    if (limit <= 0) return [];
    const [rows]: [{ url: string }[], number] = await this.repo.manager.query(
      `UPDATE fetcher_feeds f
       SET lease_owner = $3, lease_until = $1::timestamptz + make_interval(secs => $4)
       FROM (
         SELECT url FROM fetcher_feeds
         WHERE url IN (
             SELECT url FROM (
               SELECT d.url, d.next_poll_at,
                 COALESCE(busy.leased, 0) + row_number() OVER (PARTITION BY d.host ORDER BY d.next_poll_at, d.url)
                   AS place
               FROM fetcher_feeds d
               LEFT JOIN (
                 SELECT host, count(*) AS leased FROM fetcher_feeds
                 WHERE lease_owner IS NOT NULL AND lease_until > $1
                 GROUP BY host
               ) busy ON busy.host = d.host
               WHERE d.active AND NOT d.paused AND d.next_poll_at <= $1
                 AND (d.lease_until IS NULL OR d.lease_until <= $1)
             ) ranked
             WHERE $5::int IS NULL OR place <= $5::int
             ORDER BY place, next_poll_at, url
             LIMIT $2)
           -- Checked again on the locked row: another instance may have claimed it since.
           AND active AND NOT paused AND next_poll_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
         FOR UPDATE SKIP LOCKED
       ) due
       WHERE f.url = due.url
       RETURNING f.url`,
      [now, limit, owner, leaseSeconds, perHostLimit],
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
      'SELECT count(*) FROM fetcher_feeds WHERE active AND NOT paused AND next_poll_at <= $1',
      [now],
    );
    return Number(row.count);
  }

  /**
   * Writes what a poll learnt, and only that: a pause, title or deletion made
   * through the API while the poll ran is not undone by its stale copy, and a
   * deleted feed is not brought back.
   */
  async save(feed: FeedEntity): Promise<void> {
    await this.repo.update(
      { url: feed.url },
      {
        etag: feed.etag,
        lastModified: feed.lastModified,
        nextPollAt: feed.nextPollAt,
        intervalSeconds: feed.intervalSeconds,
        consecutiveFailures: feed.consecutiveFailures,
        lastError: feed.lastError,
        lastHttpStatus: feed.lastHttpStatus,
        lastSuccessAt: feed.lastSuccessAt,
        lastPolledAt: feed.lastPolledAt,
        itemsPerDay: feed.itemsPerDay,
        meanLatencyMs: feed.meanLatencyMs,
        unhealthy: feed.unhealthy,
      },
    );
  }
}
