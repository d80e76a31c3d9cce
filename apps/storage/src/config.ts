import { envBrokers, envPort, envPostgresUrl, loadEnv } from '@news/runtime';
import { z } from 'zod';

export const StorageConfigSchema = z.object({
  KAFKA_BROKERS: envBrokers,
  DATABASE_URL: envPostgresUrl,
  STORAGE_PORT: envPort(3000),
  /** Loopback by default; containers set 0.0.0.0. */
  STORAGE_HOST: z.string().min(1).default('127.0.0.1'),
  STORAGE_GROUP_ID: z.string().min(1).default('storage'),
});
export type StorageConfig = z.infer<typeof StorageConfigSchema>;

export function loadStorageConfig(env: NodeJS.ProcessEnv = process.env): StorageConfig {
  return loadEnv(StorageConfigSchema, env);
}
