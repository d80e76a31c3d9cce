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
    // No parallel query: storage's reads are small and latency-bound, and starting workers costs
    // more than they save. Measured on 2 cores: /topics?window=24h took 55 ms with a parallel
    // plan and 18-20 ms without (110,000 articles over 10 days); searches were no slower either way.
    extra: { options: '-c max_parallel_workers_per_gather=0' },
  };
}
