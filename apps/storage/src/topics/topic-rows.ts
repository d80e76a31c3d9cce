import type { ArticleTopic } from '@news/topics';

/** What runs SQL: an EntityManager inside a transaction, or a migration's QueryRunner. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** One written article's topics, at the article's sortAt. */
export interface ArticleTopicRows {
  articleId: string;
  sortAt: Date;
  topics: readonly ArticleTopic[];
}

/**
 * Replaces the topic rows of written articles, in at most two statements for the whole batch:
 *
 * 1. (only when some article was stored before) the rows of those articles that the new version
 *    no longer has, or has with another kind or sortAt, are deleted;
 * 2. new topics are inserted and renamed ones updated (in key order, so that two storage instances
 *    lock them in the same order; a topic's name becomes the spelling most recently stored; the
 *    others are only read, not locked), and the article rows are inserted, the rows that did not
 *    change being kept as they are.
 *
 * The per-topic hour and day counts follow from triggers on article_topics (see add-topics.ts).
 * Must run in the transaction that wrote the articles, so a revision and its topics commit together.
 */
export async function replaceArticleTopics(
  sql: SqlRunner,
  articles: readonly ArticleTopicRows[],
  someExisted: boolean,
): Promise<void> {
  const rows = articles.flatMap((a) =>
    a.topics.map((t) => ({ article_id: a.articleId, topic_key: t.key, kind: t.kind, sort_at: a.sortAt })),
  );
  if (someExisted) {
    await sql.query(
      `DELETE FROM article_topics t
       WHERE t.article_id = ANY($1::text[])
         AND NOT EXISTS (
           SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS r(article_id text, topic_key text, kind text, sort_at timestamptz)
           WHERE r.article_id = t.article_id AND r.topic_key = t.topic_key AND r.kind = t.kind AND r.sort_at = t.sort_at)`,
      [articles.map((a) => a.articleId), JSON.stringify(rows)],
    );
  }
  if (rows.length === 0) return;
  // The last spelling in the batch wins: articles come in the order they were consumed.
  const names = new Map<string, string>();
  for (const a of articles) for (const t of a.topics) names.set(t.key, t.name);
  await sql.query(
    `WITH named AS (
       INSERT INTO topics AS tp (key, name)
       SELECT n.key, n.name
       FROM jsonb_to_recordset($1::jsonb) AS n(key text, name text) LEFT JOIN topics t ON t.key = n.key
       WHERE t.key IS NULL OR t.name <> n.name -- a known topic under its known name is not touched
       ORDER BY n.key
       ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name WHERE tp.name <> EXCLUDED.name
     )
     INSERT INTO article_topics (article_id, topic_key, kind, sort_at)
     SELECT article_id, topic_key, kind, sort_at
     FROM jsonb_to_recordset($2::jsonb) AS r(article_id text, topic_key text, kind text, sort_at timestamptz)
     ON CONFLICT (article_id, topic_key) DO NOTHING`,
    [JSON.stringify([...names].map(([key, name]) => ({ key, name }))), JSON.stringify(rows)],
  );
}
