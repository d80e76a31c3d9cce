import type { DataSourceOptions } from 'typeorm';
import { STORAGE_MIGRATIONS } from './migrations.js';

/** Storage's tables, created by migrations (never `synchronize`), tracked apart from the fetcher's. */
export function storageDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations: STORAGE_MIGRATIONS,
    migrationsTableName: 'storage_migrations',
    migrationsRun: true,
    synchronize: false,
    logging: ['error'],
  };
}
