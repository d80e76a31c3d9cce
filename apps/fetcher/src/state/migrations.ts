import type { MigrationInterface, QueryRunner } from 'typeorm';

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

export const FETCHER_MIGRATIONS = [
  CreateItemState1764230400000,
  CreateFeeds1795766400000,
  AddFeedLeases1795852800000,
];
