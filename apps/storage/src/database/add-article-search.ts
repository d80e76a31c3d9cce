import type { MigrationInterface, QueryRunner } from 'typeorm';
import { articleSearchText } from '../articles/search-key.js';

/** Rows normalized per round trip while backfilling: small enough to keep each UPDATE short. */
const BACKFILL_BATCH = 500;

/**
 * Persian-normalized search keys on articles.
 *
 * `search_text` is `normalizeForSearch(title + lead + body)`, written by the upsert. The
 * normalization lives in TypeScript (libs/persian), not in SQL, so the existing rows are
 * backfilled here, in keyset batches, by the same function the upsert uses.
 *
 * `search_compact` is the same key without spaces, which is exactly what `compactForSearch`
 * returns; a generated column keeps the two from ever disagreeing and keeps it out of the upsert.
 * Phrase search is a substring match on it, so `نخست وزیر`, `نخست‌وزیر` and `نخستوزیر` all meet.
 *
 * Index: a pg_trgm GIN index on `search_compact` serves `LIKE '%…%'` at millions of rows (common
 * keys are found newest-first without it, see ArticleRepository.search).
 * pg_trgm ships with PostgreSQL (contrib) and is a trusted extension since PostgreSQL 13, so the
 * database owner can create it. Its trigrams only cover characters the database's LC_CTYPE calls
 * letters: a `C`-ctype database would index no Persian trigrams (searches would still be correct,
 * but scan); databases created by `ensureDatabase` inherit the server's (here C.UTF-8) ctype.
 * `search_text` gets no index: every match on it is also a match on `search_compact`.
 */
export class AddArticleSearch1764403200000 implements MigrationInterface {
  name = 'AddArticleSearch1764403200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await runner.query('ALTER TABLE articles ADD COLUMN search_text text');
    await backfillSearchText(runner);
    await runner.query('ALTER TABLE articles ALTER COLUMN search_text SET NOT NULL');
    // Added after the backfill on purpose: adding a stored generated column rewrites the table,
    // which also drops the dead row versions the backfill's UPDATEs left behind.
    await runner.query(
      `ALTER TABLE articles ADD COLUMN search_compact text GENERATED ALWAYS AS (replace(search_text, ' ', '')) STORED`,
    );
    await runner.query(
      'CREATE INDEX articles_search_compact_trgm_idx ON articles USING gin (search_compact gin_trgm_ops)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE articles DROP COLUMN search_compact, DROP COLUMN search_text');
    // The extension stays: other objects in the database may use it.
  }
}

/** Fills `search_text` for every existing article, by the function the upsert used. */
export async function backfillSearchText(runner: QueryRunner): Promise<void> {
  let after = '';
  for (;;) {
    const rows: { id: string; title: string; lead: string | null; body: string }[] = await runner.query(
      'SELECT id, title, lead, body FROM articles WHERE id > $1 ORDER BY id LIMIT $2',
      [after, BACKFILL_BATCH],
    );
    if (rows.length === 0) return;
    await runner.query(
      `UPDATE articles a SET search_text = r.search_text
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, search_text text) WHERE a.id = r.id`,
      [JSON.stringify(rows.map((row) => ({ id: row.id, search_text: articleSearchText(row) })))],
    );
    after = rows[rows.length - 1].id;
  }
}
