import { randomBytes } from 'node:crypto';

/** What the test harness points the services at; `npm test` starts the broker, the machine runs PostgreSQL. */
export const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** A name unique to this run, for databases and consumer groups, so test files never share state. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}
