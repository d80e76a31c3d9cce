import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPIC_NAMES_RESPELLED, TOPICS_STORED_AS_TYPED } from '../../test/topic-names-fixture.js';
import { SQLITE_MIGRATIONS, SQLITE_SCHEMA_VERSION } from './schema.js';
import { openSqliteDatabase } from './sqlite-database.js';

describe('the SQLite schema', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'storage-sqlite-'));
    file = join(dir, 'news.sqlite');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the tables in WAL mode and records its version', () => {
    const db = openSqliteDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((t) => t.name);
    expect(tables).toEqual([
      'article_revisions',
      'article_topics',
      'articles',
      'articles_search', // FTS5 and its shadow tables
      'articles_search_config',
      'articles_search_data',
      'articles_search_docsize',
      'articles_search_idx',
      'feed_status',
      'ingestion_counters',
      'sources',
      'topics',
    ]);
    db.close();
  });

  it('keeps the data when the file is opened again', () => {
    const first = openSqliteDatabase(file);
    first.prepare("INSERT INTO sources (id, name, domain) VALUES ('ilna', 'ایلنا', 'ilna.ir')").run();
    first.close();
    const again = openSqliteDatabase(file);
    expect(again.prepare('SELECT id, name FROM sources').all()).toEqual([{ id: 'ilna', name: 'ایلنا' }]);
    again.close();
  });

  it('brings a file of the first version up to date, keeping its rows', () => {
    const old = new BetterSqlite3(file);
    old.exec(SQLITE_MIGRATIONS[0]);
    old.pragma('user_version = 1');
    old.prepare("INSERT INTO sources (id, name, domain) VALUES ('ilna', 'ایلنا', 'ilna.ir')").run();
    old.close();
    const db = openSqliteDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) AS n FROM topics').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT id FROM sources').all()).toEqual([{ id: 'ilna' }]);
    db.close();
  });

  it('spells the topic names of Persian articles stored by version 4 with Persian ی and ک', () => {
    const old = new BetterSqlite3(file);
    for (const migration of SQLITE_MIGRATIONS.slice(0, 4)) old.exec(migration);
    old.pragma('user_version = 4');
    for (const statement of TOPICS_STORED_AS_TYPED) old.exec(statement);
    old.close();
    const db = openSqliteDatabase(file);
    expect(db.prepare('SELECT key, name FROM topics ORDER BY key').all()).toEqual(TOPIC_NAMES_RESPELLED);
    db.close();
  });

  it('refuses a file written by a newer schema', () => {
    const newer = new BetterSqlite3(file);
    newer.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`);
    newer.close();
    expect(() => openSqliteDatabase(file)).toThrow(
      `the SQLite file has schema version ${SQLITE_SCHEMA_VERSION + 1}, newer than this build's ${SQLITE_SCHEMA_VERSION}: upgrade storage`,
    );
  });
});
