import { envBrokers, envPort, envPositiveInt, loadEnv } from '@news/runtime';
import { z } from 'zod';
import { isDatabaseUrl } from './database/database-choice.js';

/** Milliseconds an API read may run before PostgreSQL cancels it, unless STORAGE_READ_TIMEOUT_MS says otherwise. */
export const DEFAULT_READ_TIMEOUT_MS = 10_000;

export const StorageConfigSchema = z.object({
  KAFKA_BROKERS: envBrokers,
  /**
   * `postgres://…` or `sqlite:<file path>`. Unset: the default PostgreSQL when one answers at
   * 127.0.0.1:5432, else an embedded SQLite file (main.ts resolves it, see database-choice.ts).
   */
  DATABASE_URL: z
    .string()
    .refine((v) => v !== 'sqlite:', 'expected sqlite:<file path>')
    // The wording people (and config.e2e-spec) know; the SQLite form is in the README.
    .refine(isDatabaseUrl, 'expected postgres://user@host:port/database')
    .optional(),
  STORAGE_PORT: envPort(3000),
  /** Loopback by default; containers set 0.0.0.0. */
  STORAGE_HOST: z.string().min(1).default('127.0.0.1'),
  STORAGE_GROUP_ID: z.string().min(1).default('storage'),
  /** PostgreSQL cancels an API read that runs longer (the writer has no such limit); SQLite has none. */
  STORAGE_READ_TIMEOUT_MS: envPositiveInt(DEFAULT_READ_TIMEOUT_MS),
});
export type StorageConfig = z.infer<typeof StorageConfigSchema>;

export function loadStorageConfig(env: NodeJS.ProcessEnv = process.env): StorageConfig {
  return loadEnv(StorageConfigSchema, env);
}
