import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ensureDatabase } from '@news/runtime';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { storageDataSourceOptions } from '../src/database/data-source-options.js';
import { sortDay } from '../src/articles/search-key.js';
import { STORAGE_MIGRATIONS } from '../src/database/migrations.js';
import { TestDatabase } from '../../../test/support/database.js';
import { TOPIC_NAMES_RESPELLED, TOPICS_STORED_AS_TYPED } from './topic-names-fixture.js';

const md5 = (n: number) => createHash('md5').update(String(n)).digest('hex');

/** Runs the first `count` storage migrations (all when omitted) against the database. */
async function migrate(url: string, count?: number): Promise<void> {
  const dataSource = new DataSource({
    ...storageDataSourceOptions(url),
    migrations: STORAGE_MIGRATIONS.slice(0, count),
  });
  await dataSource.initialize();
  await dataSource.destroy();
}

describe('storage migrations on real PostgreSQL', () => {
  const db = new TestDatabase();

  // One article stored under the schema before search, revisions and feed status; then the rest.
  beforeAll(async () => {
    await ensureDatabase(db.url);
    await migrate(db.url, 2);
    await db.query("INSERT INTO sources (id, name, domain) VALUES ('ilna', 'ایلنا', 'ilna.ir')");
    await db.query(
      `INSERT INTO articles (id, url, canonical_url, source_id, language, title, lead, body, body_html,
         fetched_at, parsed_at, content_hash)
       VALUES ($1, 'https://www.ilna.ir/news/1/', 'https://www.ilna.ir/news/1/', 'ilna', 'fa', $2, $3, $4, '',
         '2025-09-22T17:00:00Z', '2025-09-22T17:00:01Z', $5)`,
      ['a'.repeat(32), 'سخنان نخست‌وزير', 'روز ۳۱ شهريور', 'كارگران مي گويند', '1'.repeat(64)],
    );
    // More rows than one backfill batch (500), typed with an Arabic yeh.
    await db.query(
      `INSERT INTO articles (id, url, canonical_url, source_id, language, title, body, body_html,
         fetched_at, parsed_at, content_hash)
       SELECT md5(n::text), 'https://www.ilna.ir/news/x/', 'https://www.ilna.ir/news/x/', 'ilna', 'fa', 'تيتر',
         'متن ' || n, '', now(), now(), repeat('0', 64)
       FROM generate_series(1, 1200) AS n`,
    );

    await migrate(db.url);
  }, 60_000);

  afterAll(async () => {
    await db.drop();
  });

  it('backfills the search keys of rows stored before search existed, and indexes them', async () => {
    expect(await db.query('SELECT search_compact FROM articles WHERE id = $1', ['a'.repeat(32)])).toEqual([
      { search_compact: 'سخناننخستوزیرروز31شهریورکارگرانمیگویند' },
    ]);
    expect(
      await db.query(
        `SELECT count(*)::int AS n FROM articles WHERE search_compact = 'تیترمتن' || substr(body, 5)`,
      ),
    ).toEqual([{ n: 1200 }]);
  });

  it('keeps one search key, written by the writers, and compresses the wide columns with lz4 where the server can', async () => {
    const columns = await db.query<{ attname: string; attgenerated: string; attcompression: string }>(
      `SELECT attname, attgenerated, attcompression FROM pg_attribute
       WHERE attrelid = 'articles'::regclass AND attname IN ('search_text', 'search_compact', 'body', 'body_html')
         AND NOT attisdropped ORDER BY attname`,
    );
    const [setting] = await db.query<{ lz4: boolean }>(
      `SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
    );
    const compression = setting?.lz4 ? 'l' : '';
    expect(columns).toEqual([
      { attname: 'body', attgenerated: '', attcompression: compression },
      { attname: 'body_html', attgenerated: '', attcompression: compression },
      { attname: 'search_compact', attgenerated: '', attcompression: compression },
    ]);
    // A body long enough to be compressed reads back whole.
    await db.query(
      `INSERT INTO articles (id, url, canonical_url, source_id, language, title, body, body_html,
         fetched_at, parsed_at, content_hash, search_compact)
       VALUES ('lz4-row', 'https://www.ilna.ir/news/2/', 'https://www.ilna.ir/news/2/', 'ilna', 'fa', 'تیتر',
         repeat('کارگران می‌گویند ', 2000), '', now(), now(), repeat('0', 64), 'تیتر')`,
    );
    expect(
      await db.query(`SELECT length(body) AS length, pg_column_size(body) < 10000 AS compressed FROM articles
                      WHERE id = 'lz4-row'`),
    ).toEqual([{ length: 34_000, compressed: true }]);
    await db.query("DELETE FROM articles WHERE id = 'lz4-row'");
  });

  it("lets the search's LIKE, with or without a day bound, use the search index", async () => {
    // A one-row table is scanned whatever the indexes: forbid that, to see that the index applies.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query('SET enable_seqscan = off');
      const plan = async (sql: string, params: unknown[]) =>
        (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).rows
          .map((r) => r['QUERY PLAN'])
          .join('\n');
      expect(
        await plan("SELECT id FROM articles WHERE search_compact LIKE $1 ESCAPE '\\'", ['%نخستوزیر%']),
      ).toContain('Bitmap Index Scan on articles_search_idx');
      const bounded = await plan(
        `SELECT id FROM articles a WHERE a.search_compact LIKE $1 ESCAPE '\\'
           AND ${sortDay('a.sort_at')} >= ${sortDay('$2::timestamptz')}`,
        ['%نخستوزیر%', '2025-09-20T00:00:00Z'],
      );
      // Both conditions are answered inside the index: no match outside the days is read.
      expect(bounded).toMatch(
        /Bitmap Index Scan on articles_search_idx .*\n\s+Index Cond: \(\(search_compact ~~ .*\) AND \(\(EXTRACT\(day FROM/,
      );
    } finally {
      await client.end();
    }
  });

  it('asks for no parallel workers on the connections storage opens', async () => {
    const dataSource = new DataSource(storageDataSourceOptions(db.url));
    await dataSource.initialize();
    try {
      expect(await dataSource.query('SHOW max_parallel_workers_per_gather')).toEqual([
        { max_parallel_workers_per_gather: '0' },
      ]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('archives the replaced version when the content hash changes, and only then', async () => {
    await db.query(
      "UPDATE articles SET body = 'متن تازه', content_hash = $1, revision = 2, updated_at = now() WHERE id = $2",
      ['2'.repeat(64), 'a'.repeat(32)],
    );
    await db.query("UPDATE articles SET kicker = 'روتیتر' WHERE id = $1", ['a'.repeat(32)]);
    expect(
      await db.query(
        `SELECT article_id, revision, content_hash, snapshot->>'body' AS body, snapshot ? 'search_compact' AS has_key
         FROM article_revisions`,
      ),
    ).toEqual([
      {
        article_id: 'a'.repeat(32),
        revision: 1,
        content_hash: '1'.repeat(64),
        body: 'كارگران مي گويند',
        has_key: false,
      },
    ]);
  });

  it('counts the articles of each source: existing ones at migration, then every insert, move and delete', async () => {
    const count = async () =>
      db.query<{ id: string; article_count: number }>('SELECT id, article_count FROM sources ORDER BY id');
    expect(await count()).toEqual([{ id: 'ilna', article_count: 1201 }]);
    await db.query("INSERT INTO sources (id, name, domain) VALUES ('isna', 'ایسنا', 'isna.ir')");
    await db.query(
      `INSERT INTO articles (id, url, canonical_url, source_id, language, title, body, body_html, fetched_at,
         parsed_at, content_hash, search_compact)
       SELECT md5('isna' || n), 'https://isna.ir/' || n, 'https://isna.ir/' || n, 'isna', 'fa', 'تیتر', 'متن', '',
         now(), now(), repeat('0', 64), 'تیترمتن'
       FROM generate_series(1, 3) AS n`,
    );
    expect(await count()).toEqual([
      { id: 'ilna', article_count: 1201 },
      { id: 'isna', article_count: 3 },
    ]);
    await db.query("UPDATE articles SET source_id = 'isna' WHERE id IN ($1, $2)", [md5(1), md5(2)]);
    await db.query("UPDATE articles SET title = 'تیتر تازه' WHERE source_id = 'isna'"); // no move: no change
    expect(await count()).toEqual([
      { id: 'ilna', article_count: 1199 },
      { id: 'isna', article_count: 5 },
    ]);
    await db.query("DELETE FROM articles WHERE id = $1 OR id = md5('isna1')", [md5(3)]);
    expect(await count()).toEqual([
      { id: 'ilna', article_count: 1198 },
      { id: 'isna', article_count: 4 },
    ]);
  });
});

describe('the topic names migration on real PostgreSQL', () => {
  const db = new TestDatabase();

  afterAll(async () => {
    await db.drop();
  });

  it('spells the topic names of Persian articles stored before it with Persian ی and ک', async () => {
    await ensureDatabase(db.url);
    await migrate(db.url, STORAGE_MIGRATIONS.length - 1);
    for (const statement of TOPICS_STORED_AS_TYPED) await db.query(statement);
    await migrate(db.url);
    expect(await db.query('SELECT key, name FROM topics ORDER BY key COLLATE "C"')).toEqual(
      TOPIC_NAMES_RESPELLED,
    );
  });
});
