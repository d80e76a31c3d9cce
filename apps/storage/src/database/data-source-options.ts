import type { DataSourceOptions } from 'typeorm';
import { STORAGE_MIGRATIONS } from './migrations.js';

/** The TypeORM name of the API's connection pool (see readDataSourceOptions). */
export const READS = 'reads';

/**
 * No parallel query: storage's reads are small and latency-bound, and starting workers costs more
 * than they save. Measured on 2 cores: /topics?window=24h took 55 ms with a parallel plan and
 * 18-20 ms without (110,000 articles over 10 days); searches were no slower either way.
 */
const SESSION_SETTINGS = '-c max_parallel_workers_per_gather=0';

/**
 * The writer's pool: storage's tables, created by migrations (never `synchronize`), tracked apart
 * from the fetcher's. No statement timeout: a batch may take long under load (the consumer keeps
 * its place in the group meanwhile), and cancelling it would only have it retried from the start.
 */
export function storageDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations: STORAGE_MIGRATIONS,
    migrationsTableName: 'storage_migrations',
    migrationsRun: true,
    synchronize: false,
    logging: ['error'],
    extra: { options: SESSION_SETTINGS },
  };
}

/**
 * The API's pool, apart from the writer's, so that neither can take all the other's connections.
 * Its sessions are read-only, and a statement running past `timeoutMs` is cancelled by the server
 * (a lock wait included): one slow request cannot hold a connection for long, whatever it asks.
 */
export function readDataSourceOptions(url: string, timeoutMs: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrationsRun: false,
    synchronize: false,
    // Not TypeORM's console lines: a failed read reaches the HTTP layer, which logs it (see app.ts).
    logging: false,
    extra: {
      options: `${SESSION_SETTINGS} -c statement_timeout=${timeoutMs} -c default_transaction_read_only=on`,
    },
  };
}
