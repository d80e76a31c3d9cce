import { afterEach, beforeEach } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase, type SqliteDatabase } from '../src/sqlite/sqlite-database.js';

/**
 * A fresh SQLite store in a temporary directory for each test of the enclosing describe block,
 * closed and removed after it. Call it before the block's own beforeEach, which can then use `db`.
 */
export function useTemporarySqlite(): { readonly db: SqliteDatabase } {
  let dir: string | undefined;
  let db: SqliteDatabase | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'storage-sqlite-'));
    db = openSqliteDatabase(join(dir, 'news.sqlite'));
  });
  afterEach(() => {
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    get db() {
      if (!db) throw new Error('the SQLite store is opened before each test');
      return db;
    },
  };
}
