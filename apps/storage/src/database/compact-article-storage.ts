import type { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillSearchText } from './add-article-search.js';

/** The wide columns: each holds about a body's worth of text or JSON per row. */
const ARTICLE_WIDE_COLUMNS = ['body', 'body_html', 'search_compact'] as const;

/**
 * Makes every article cheaper to write. Measured by COPY of bench:storage's rows into storage's
 * table on PostgreSQL 15, 20,000 articles, the table's triggers off (they cost about 6%): with the
 * trigram index, which costs the most, about 1,130/s before and 1,433/s with lz4 alone; without
 * it, 3,570/s before and 7,900/s after.
 *
 * - One search key instead of two. Searches read only `search_compact`, yet each row also stored
 *   the spaced `search_text` it was generated from: a second normalized copy of the body to
 *   compress, TOAST and write. The writers now store `search_compact` themselves (as SQLite's
 *   always did), and `search_text` goes.
 * - lz4 instead of pglz for the wide columns (PostgreSQL 14+, when the server was built with it,
 *   as Debian's and the official images are): pglz compression was half of COPY's time. lz4 packs
 *   these Persian texts a quarter less tightly (the same 20,000 rows: 119 MB against 95 MB) in
 *   half the time (2.6 s against 4.7 s). Existing values keep their pglz compression until they
 *   are rewritten; both read transparently.
 */
export class CompactArticleStorage1764921600000 implements MigrationInterface {
  name = 'CompactArticleStorage1764921600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE articles ALTER COLUMN search_compact DROP EXPRESSION');
    await runner.query('ALTER TABLE articles DROP COLUMN search_text');
    if (await serverHasLz4(runner)) await setCompression(runner, 'lz4');
  }

  async down(runner: QueryRunner): Promise<void> {
    if (await serverHasLz4(runner)) await setCompression(runner, 'pglz');
    await runner.query('ALTER TABLE articles ADD COLUMN search_text text');
    await backfillSearchText(runner);
    await runner.query('ALTER TABLE articles ALTER COLUMN search_text SET NOT NULL');
    await runner.query('ALTER TABLE articles DROP COLUMN search_compact');
    await runner.query(
      `ALTER TABLE articles ADD COLUMN search_compact text GENERATED ALWAYS AS (replace(search_text, ' ', '')) STORED`,
    );
    await runner.query(
      'CREATE INDEX articles_search_compact_trgm_idx ON articles USING gin (search_compact gin_trgm_ops)',
    );
  }
}

/** PostgreSQL before 14 has no per-column compression (no such setting); a build may lack lz4. */
async function serverHasLz4(runner: QueryRunner): Promise<boolean> {
  const rows: { lz4: boolean }[] = await runner.query(
    `SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
  );
  return rows[0]?.lz4 === true;
}

async function setCompression(runner: QueryRunner, method: 'lz4' | 'pglz'): Promise<void> {
  const columns = ARTICLE_WIDE_COLUMNS.map((c) => `ALTER COLUMN ${c} SET COMPRESSION ${method}`);
  await runner.query(`ALTER TABLE articles ${columns.join(', ')}`);
  await runner.query(`ALTER TABLE article_revisions ALTER COLUMN snapshot SET COMPRESSION ${method}`);
}
