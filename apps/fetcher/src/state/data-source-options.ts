import type { DataSourceOptions } from 'typeorm';
import { FeedEntity } from './feed.entity.js';
import { ItemStateEntity } from './item-state.entity.js';
import { FETCHER_MIGRATIONS } from './migrations.js';

/** The fetcher's own tables, created by migrations (never `synchronize`), tracked apart from storage's. */
export function fetcherDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [FeedEntity, ItemStateEntity],
    migrations: FETCHER_MIGRATIONS,
    migrationsTableName: 'fetcher_migrations',
    migrationsRun: true,
    synchronize: false,
    logging: ['error'],
  };
}
