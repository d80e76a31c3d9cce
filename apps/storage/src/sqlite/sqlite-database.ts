import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { migrateSqlite } from './schema.js';

export type SqliteDatabase = Database;

/**
 * Opens (creating if needed) the embedded store and brings its schema up to date.
 *
 * WAL: readers (the REST API) never wait for the batch writer, and a commit is one append.
 * synchronous=FULL syncs the WAL at every commit: offsets are committed to Kafka after the
 * batch's commit, so a commit a power cut could undo (NORMAL) would be an article lost. With one
 * transaction per batch that is one fsync per batch.
 * busy_timeout covers a second process opening the same file, e.g. a CLI reading it.
 */
export function openSqliteDatabase(path: string): SqliteDatabase {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrateSqlite(db);
  return db;
}

/** ISO-8601 UTC with milliseconds, the one text form of an instant in the SQLite store. */
export function isoInstant(value: string | Date): string {
  return (typeof value === 'string' ? new Date(value) : value).toISOString();
}

/**
 * Every public member of a PostgreSQL repository (`keyof` a class sees only those): what its
 * SQLite twin implements, so that a method added on one side and not the other fails the type
 * check instead of failing at run time on the embedded store only.
 */
export type PublicApi<T> = { [K in keyof T]: T[K] };
