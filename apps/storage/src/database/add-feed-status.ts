import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The latest `news.feed-status.v1` event of each feed, plus running counters. One row per
 * feed, replaced only by a later poll (`last_polled_at`), which makes redelivered events no-ops.
 */
export class AddFeedStatus1764576000000 implements MigrationInterface {
  name = 'AddFeedStatus1764576000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE feed_status (
        feed_id              text PRIMARY KEY,
        feed_url             text NOT NULL,
        last_outcome         text NOT NULL,
        last_http_status     int,
        last_latency_ms      double precision NOT NULL,
        last_new_items       int NOT NULL,
        last_polled_at       timestamptz NOT NULL,
        last_success_at      timestamptz,
        last_error           text,
        last_error_at        timestamptz,
        polls                int NOT NULL,
        failures             int NOT NULL,
        consecutive_failures int NOT NULL,
        updated_at           timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE feed_status');
  }
}
