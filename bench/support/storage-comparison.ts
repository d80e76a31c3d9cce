import { ArticleEventSchema, type ArticleEvent } from '@news/contracts';
import pg from 'pg';
import { DataSource } from 'typeorm';
import {
  ARTICLE_COLUMNS,
  articleEventFromRow,
  PG_ROW_DECODING,
  type PgArticleRow,
} from '../../apps/storage/src/articles/article-row.js';
import { ArticleRepository } from '../../apps/storage/src/articles/article.repository.js';
import type { BenchDatabase } from './bench-database.js';
import { articleRowValues } from './storage-rows.js';

export interface WriteResult {
  articles: number;
  elapsedMs: number;
  transactions: number;
  rowsInTable: number;
}

type StoredRow = Omit<PgArticleRow, 'revision' | 'sort_at'>;

/** The stored articles back as the events storage consumed, so both writers get exactly what the pipeline wrote. */
export async function loadStoredArticles(db: BenchDatabase, ids: readonly string[]): Promise<ArticleEvent[]> {
  const rows = await db.query<StoredRow>(
    `SELECT a.*, s.name AS source_name, s.domain AS source_domain
     FROM articles a JOIN sources s ON s.id = a.source_id
     WHERE a.id = ANY($1::text[])`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const articles = ids
    .map((id) => byId.get(id))
    .filter((r): r is StoredRow => r !== undefined)
    .map((r) => articleEventFromRow(r, PG_ROW_DECODING));
  // A wrong mapping here would make both writers measure something else than the pipeline's rows.
  for (const article of articles.slice(0, 20)) ArticleEventSchema.parse(article);
  return articles;
}

async function countRows(db: BenchDatabase): Promise<number> {
  const [row] = await db.query<{ n: string }>('SELECT count(*) AS n FROM articles');
  return Number(row?.n ?? 0);
}

/**
 * Storage's own write path: the real ArticleRepository.upsertBatch, `batchRows` articles per
 * transaction, into `db` (migrated as storage's, see storage-database.ts).
 */
export async function writeBatched(
  db: BenchDatabase,
  articles: readonly ArticleEvent[],
  batchRows: number,
): Promise<WriteResult> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: db.url,
    extra: { max: 2 },
    logging: false,
  });
  await dataSource.initialize();
  try {
    const repository = new ArticleRepository(dataSource);
    const started = performance.now();
    let transactions = 0;
    for (let i = 0; i < articles.length; i += batchRows) {
      await repository.upsertBatch(articles.slice(i, i + batchRows));
      transactions++;
    }
    const elapsedMs = performance.now() - started;
    return { articles: articles.length, elapsedMs, transactions, rowsInTable: await countRows(db) };
  } finally {
    await dataSource.destroy();
  }
}

const UPSERT_SOURCE = `INSERT INTO sources (id, name, domain) VALUES ($1, $2, $3)
  ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, domain = EXCLUDED.domain
  WHERE (sources.name, sources.domain) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.domain)`;

/** The same idempotency rules as storage's batch statement, for one row. */
const UPSERT_ARTICLE = `INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')})
  VALUES (${ARTICLE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET
    ${ARTICLE_COLUMNS.filter((c) => c !== 'id')
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ')},
    revision = articles.revision + 1, updated_at = now()
  WHERE articles.content_hash <> EXCLUDED.content_hash AND articles.parsed_at <= EXCLUDED.parsed_at`;

/**
 * The alternative a user would write first: handle each message on its own
 * (kafkajs eachMessage), one transaction with the source and article upserts
 * per article, committed before the next.
 */
export async function writeOneRowPerTransaction(
  db: BenchDatabase,
  articles: readonly ArticleEvent[],
): Promise<WriteResult> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const started = performance.now();
    for (const article of articles) {
      await client.query('BEGIN');
      try {
        await client.query(UPSERT_SOURCE, [article.source.id, article.source.name, article.source.domain]);
        await client.query(UPSERT_ARTICLE, articleRowValues(article));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    const elapsedMs = performance.now() - started;
    return {
      articles: articles.length,
      elapsedMs,
      transactions: articles.length,
      rowsInTable: await countRows(db),
    };
  } finally {
    await client.end();
  }
}
