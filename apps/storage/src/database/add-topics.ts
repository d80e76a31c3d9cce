import { TopicExtractor } from '@news/topics';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { replaceArticleTopics } from '../topics/topic-rows.js';

/** Articles analyzed per round trip while backfilling. */
const BACKFILL_BATCH = 500;

/** One counts table's upsert of the deltas in `deltas` (topic_key, sort_at, delta), in key order. */
const addCounts = (table: string, column: string, unit: string, deltas: string) => `
  INSERT INTO ${table} AS c (topic_key, ${column}, count)
  SELECT topic_key, date_trunc('${unit}', sort_at, 'UTC'), sum(delta)::int
  FROM (${deltas}) d
  GROUP BY 1, 2
  HAVING sum(delta) <> 0
  ORDER BY 1, 2
  ON CONFLICT (topic_key, ${column}) DO UPDATE SET count = c.count + EXCLUDED.count;`;

const addBoth = (deltas: string) =>
  addCounts('topic_hourly_counts', 'hour', 'hour', deltas) +
  addCounts('topic_daily_counts', 'day', 'day', deltas);

/**
 * Topics: `topics` (key → display name), `article_topics` (an article's category, tags and key
 * phrases, at the article's sortAt), and per-topic counts of articles per UTC hour and per UTC day.
 *
 * The counts exist so that `GET /topics`, `/topics/trending` and timeseries read at most a few
 * thousand small rows for any window instead of counting article_topics (millions of rows at 90
 * days). Like `sources.article_count` (add-source-counts.ts) they are kept by statement-level
 * triggers with transition tables: one grouped upsert per table per statement, whoever writes
 * (an article deleted cascades to its topics and is uncounted too), taken in (topic, bucket)
 * order so that concurrent writers cannot deadlock. Buckets are UTC (`date_trunc(…, 'UTC')`),
 * whatever the session's time zone.
 *
 * Indexes: article_topics (topic_key, sort_at DESC, article_id DESC) serves `/articles?topic=`
 * newest first; the primary key (article_id, topic_key) serves replacing an article's topics and
 * the exact edges of a window (articles by sort_at, then their topics); the counts tables are read
 * by topic (primary key) for timeseries and by bucket for rankings. Every batch adds to a few
 * thousand count rows (a long tail of key phrases), so those writes are kept cheap: the count is
 * in no index, and pages keep room, so that adding to a count is a HOT update.
 *
 * Existing articles are backfilled, in keyset batches, by the code the upsert uses, the
 * background model learning from them as it goes.
 */
export class AddTopics1764748800000 implements MigrationInterface {
  name = 'AddTopics1764748800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE topics (
        key           text PRIMARY KEY CHECK (key <> ''),
        name          text NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE article_topics (
        article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        topic_key  text NOT NULL REFERENCES topics (key),
        kind       text NOT NULL CHECK (kind IN ('category', 'tag', 'phrase')),
        sort_at    timestamptz NOT NULL,
        PRIMARY KEY (article_id, topic_key)
      )`);
    await runner.query(
      'CREATE INDEX article_topics_topic_sort_idx ON article_topics (topic_key, sort_at DESC, article_id DESC)',
    );
    for (const [table, column] of [
      ['topic_hourly_counts', 'hour'],
      ['topic_daily_counts', 'day'],
    ]) {
      // fillfactor leaves room on each page, so that adding to a count is a HOT update: no
      // index is touched, as neither indexed column changes.
      await runner.query(`
        CREATE TABLE ${table} (
          topic_key text NOT NULL,
          ${column}  timestamptz NOT NULL,
          count      int NOT NULL,
          PRIMARY KEY (topic_key, ${column})
        ) WITH (fillfactor = 70)`);
      // For rankings, by bucket. Without the count in it, so that the updates above stay HOT.
      await runner.query(`CREATE INDEX ${table}_${column}_idx ON ${table} (${column})`);
    }
    await runner.query(`
      CREATE FUNCTION count_article_topics() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${addBoth('SELECT topic_key, sort_at, 1 AS delta FROM new_topics')}
        ELSIF TG_OP = 'DELETE' THEN
          ${addBoth('SELECT topic_key, sort_at, -1 AS delta FROM old_topics')}
        ELSE
          ${addBoth(
            'SELECT topic_key, sort_at, 1 AS delta FROM new_topics UNION ALL SELECT topic_key, sort_at, -1 FROM old_topics',
          )}
        END IF;
        RETURN NULL;
      END
      $$`);
    // One trigger per event: PostgreSQL allows transition tables only on single-event triggers.
    await runner.query(`
      CREATE TRIGGER article_topics_count_inserted AFTER INSERT ON article_topics
        REFERENCING NEW TABLE AS new_topics FOR EACH STATEMENT EXECUTE FUNCTION count_article_topics()`);
    await runner.query(`
      CREATE TRIGGER article_topics_count_updated AFTER UPDATE ON article_topics
        REFERENCING OLD TABLE AS old_topics NEW TABLE AS new_topics
        FOR EACH STATEMENT EXECUTE FUNCTION count_article_topics()`);
    await runner.query(`
      CREATE TRIGGER article_topics_count_deleted AFTER DELETE ON article_topics
        REFERENCING OLD TABLE AS old_topics FOR EACH STATEMENT EXECUTE FUNCTION count_article_topics()`);
    await backfill(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE topic_daily_counts, topic_hourly_counts, article_topics, topics');
    await runner.query('DROP FUNCTION count_article_topics()');
  }
}

async function backfill(runner: QueryRunner): Promise<void> {
  const extractor = new TopicExtractor();
  let after = '';
  for (;;) {
    const rows: {
      id: string;
      title: string;
      lead: string | null;
      language: string;
      category: string | null;
      tags: string[];
      sort_at: Date;
    }[] = await runner.query(
      'SELECT id, title, lead, language, category, tags, sort_at FROM articles WHERE id > $1 ORDER BY id LIMIT $2',
      [after, BACKFILL_BATCH],
    );
    if (rows.length === 0) return;
    const analyzed = rows.map((row) => ({ row, analysis: extractor.analyze(row) }));
    await replaceArticleTopics(
      runner,
      analyzed.map(({ row, analysis }) => ({
        articleId: row.id,
        sortAt: row.sort_at,
        topics: analysis.topics,
      })),
      false,
    );
    for (const { analysis } of analyzed) extractor.learn(analysis.phraseKeys);
    after = rows[rows.length - 1].id;
  }
}
