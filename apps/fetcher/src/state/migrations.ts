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

export const FETCHER_MIGRATIONS = [CreateItemState1764230400000];
