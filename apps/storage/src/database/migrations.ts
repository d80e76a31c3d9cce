import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AddArticleRevisions1764489600000 } from './add-article-revisions.js';
import { AddArticleSearch1764403200000 } from './add-article-search.js';
import { AddFeedStatus1764576000000 } from './add-feed-status.js';
import { AddIngestionCounters1764835200000 } from './add-ingestion-counters.js';
import { AddSourceCounts1764662400000 } from './add-source-counts.js';
import { AddTopics1764748800000 } from './add-topics.js';
import { AddSearchDays1765008000000 } from './add-search-days.js';
import { CompactArticleStorage1764921600000 } from './compact-article-storage.js';
import { RespellTopicNames1765094400000 } from './respell-topic-names.js';

export class CreateArticles1764230400000 implements MigrationInterface {
  name = 'CreateArticles1764230400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE sources (
        id     text PRIMARY KEY,
        name   text NOT NULL,
        domain text NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE articles (
        id                  text PRIMARY KEY,
        url                 text NOT NULL,
        canonical_url       text NOT NULL,
        source_id           text NOT NULL REFERENCES sources (id),
        feed_url            text,
        language            text NOT NULL,
        kicker              text,
        title               text NOT NULL,
        lead                text,
        body                text NOT NULL,
        body_html           text NOT NULL,
        author              text,
        category            text,
        tags                jsonb NOT NULL DEFAULT '[]',
        images              jsonb NOT NULL DEFAULT '[]',
        published_at        timestamptz,
        published_at_jalali text,
        fetched_at          timestamptz NOT NULL,
        parsed_at           timestamptz NOT NULL,
        content_hash        text NOT NULL,
        revision            int NOT NULL DEFAULT 1,
        sort_at             timestamptz GENERATED ALWAYS AS (COALESCE(published_at, fetched_at)) STORED,
        stored_at           timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    // Keyset pagination, newest first, overall and per source.
    await runner.query('CREATE INDEX articles_sort_idx ON articles (sort_at DESC, id DESC)');
    await runner.query(
      'CREATE INDEX articles_source_sort_idx ON articles (source_id, sort_at DESC, id DESC)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE articles');
    await runner.query('DROP TABLE sources');
  }
}

/** Fields added to the v1 contract by the extraction work: all optional, so old rows stay valid. */
export class AddExtractionFields1764316800000 implements MigrationInterface {
  name = 'AddExtractionFields1764316800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE articles
        ADD COLUMN subtitle text,
        ADD COLUMN news_code text,
        ADD COLUMN attribution text,
        ADD COLUMN quality jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE articles DROP COLUMN subtitle, DROP COLUMN news_code, DROP COLUMN attribution, DROP COLUMN quality',
    );
  }
}

export const STORAGE_MIGRATIONS = [
  CreateArticles1764230400000,
  AddExtractionFields1764316800000,
  AddArticleSearch1764403200000,
  AddArticleRevisions1764489600000,
  AddFeedStatus1764576000000,
  AddSourceCounts1764662400000,
  AddTopics1764748800000,
  AddIngestionCounters1764835200000,
  CompactArticleStorage1764921600000,
  AddSearchDays1765008000000,
  RespellTopicNames1765094400000,
];
