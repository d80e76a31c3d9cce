import { ensureDatabase } from '@news/runtime';
import { DataSource } from 'typeorm';
import { storageDataSourceOptions } from '../../apps/storage/src/database/data-source-options.js';
import { BenchDatabase } from './bench-database.js';

/**
 * Creates the database with storage's tables, made by storage's own migrations as the service runs
 * them: every index, trigger and topic table included, so a writer measured here pays what the
 * service pays.
 */
export async function migrateAsStorage(db: BenchDatabase): Promise<void> {
  await ensureDatabase(db.url);
  const migrator = new DataSource({ ...storageDataSourceOptions(db.url), logging: false });
  await migrator.initialize();
  await migrator.destroy();
}

/** Runs `use` on a fresh database migrated as storage's, dropped afterwards whatever happens. */
export async function inFreshStorageDatabase<T>(
  serverUrl: string,
  use: (db: BenchDatabase) => Promise<T>,
): Promise<T> {
  const db = new BenchDatabase(serverUrl);
  try {
    await migrateAsStorage(db);
    return await use(db);
  } finally {
    await db.drop();
  }
}
