import type { MigrationInterface, QueryRunner } from 'typeorm';
import { feedIdFor } from './feed-id.js';

export class CreateItemState1764230400000 implements MigrationInterface {
  name = 'CreateItemState1764230400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE fetcher_item_state (
        feed_url    text        NOT NULL,
        item_key    text        NOT NULL,
        status      text        NOT NULL CHECK (status IN ('published', 'failed', 'gave-up')),
        attempts    int         NOT NULL DEFAULT 0,
        last_error  text,
        article_url text,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (feed_url, item_key)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE fetcher_item_state');
  }
}

/** Per-feed state: validators, schedule and health (issue 4). */
export class CreateFeeds1795766400000 implements MigrationInterface {
  name = 'CreateFeeds1795766400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE fetcher_feeds (
        url                  text             PRIMARY KEY,
        active               boolean          NOT NULL DEFAULT true,
        etag                 text,
        last_modified        text,
        next_poll_at         timestamptz      NOT NULL DEFAULT now(),
        interval_seconds     int              NOT NULL CHECK (interval_seconds > 0),
        consecutive_failures int              NOT NULL DEFAULT 0,
        last_error           text,
        last_http_status     int,
        last_success_at      timestamptz,
        last_polled_at       timestamptz,
        items_per_day        double precision,
        mean_latency_ms      double precision,
        unhealthy            boolean          NOT NULL DEFAULT false
      )`);
    await runner.query('CREATE INDEX fetcher_feeds_due ON fetcher_feeds (next_poll_at) WHERE active');
    // Pruning the seen-state walks one feed's items oldest first.
    await runner.query(
      'CREATE INDEX fetcher_item_state_feed_updated ON fetcher_item_state (feed_url, updated_at)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX fetcher_item_state_feed_updated');
    await runner.query('DROP TABLE fetcher_feeds');
  }
}

/** Leases, so that several fetcher instances share the feeds without polling one twice (issue 4). */
export class AddFeedLeases1795852800000 implements MigrationInterface {
  name = 'AddFeedLeases1795852800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE fetcher_feeds
        ADD COLUMN lease_owner text,
        ADD COLUMN lease_until timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE fetcher_feeds DROP COLUMN lease_until, DROP COLUMN lease_owner');
  }
}

/**
 * The feed registry (issue 4): a stable id for the API, where a feed came
 * from (the config file or the API), a pause distinct from `active`, and a
 * title. Config sync deactivates only config feeds, so a feed added through
 * the API survives restarts; a paused feed is never leased.
 */
export class AddFeedRegistry1795939200000 implements MigrationInterface {
  name = 'AddFeedRegistry1795939200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE fetcher_feeds
        ADD COLUMN id         text,
        ADD COLUMN origin     text        NOT NULL DEFAULT 'config' CHECK (origin IN ('config', 'api')),
        ADD COLUMN paused     boolean     NOT NULL DEFAULT false,
        ADD COLUMN title      text,
        ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()`);
    // The id hashes the canonical URL, which only our URL code computes: filled here, row by row.
    const rows: { url: string }[] = await runner.query('SELECT url FROM fetcher_feeds');
    for (const { url } of rows) {
      await runner.query('UPDATE fetcher_feeds SET id = $2 WHERE url = $1', [url, feedIdFor(url)]);
    }
    await runner.query('ALTER TABLE fetcher_feeds ALTER COLUMN id SET NOT NULL');
    await runner.query('CREATE UNIQUE INDEX fetcher_feeds_id ON fetcher_feeds (id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX fetcher_feeds_id');
    await runner.query(
      'ALTER TABLE fetcher_feeds DROP COLUMN created_at, DROP COLUMN title, DROP COLUMN paused, ' +
        'DROP COLUMN origin, DROP COLUMN id',
    );
  }
}

/**
 * The host of each feed, so that claiming can spread the feeds in flight
 * over hosts in SQL (issue 4, fetch scheduler). A stored generated column:
 * PostgreSQL keeps it right on every insert and URL change, whichever code
 * path writes the row. It is the URL's hostname, lower-cased, without port
 * or credentials — what the politeness gates key on — and the URL itself for
 * the odd row with no parsable authority, which then stands alone.
 */
export class AddFeedHost1796025600000 implements MigrationInterface {
  name = 'AddFeedHost1796025600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE fetcher_feeds ADD COLUMN host text GENERATED ALWAYS AS (
        COALESCE(lower(substring(url FROM '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?(\\[[^/?#]*\\]|[^/?#:]*)')), url)
      ) STORED`);
    // No index on the host or the lease: claiming and releasing then stay HOT updates (no index entry
    // to write), and room left in each page keeps them HOT, as every poll updates its row three times.
    await runner.query('ALTER TABLE fetcher_feeds SET (fillfactor = 70)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE fetcher_feeds RESET (fillfactor)');
    await runner.query('ALTER TABLE fetcher_feeds DROP COLUMN host');
  }
}

export const FETCHER_MIGRATIONS = [
  CreateItemState1764230400000,
  CreateFeeds1795766400000,
  AddFeedLeases1795852800000,
  AddFeedRegistry1795939200000,
  AddFeedHost1796025600000,
];
