import pg from 'pg';
import { POSTGRES_URL, uniqueName } from './env.js';

/** A fresh database for one test file (created by the service under test), dropped afterwards. */
export class TestDatabase {
  readonly name = uniqueName('news_test');
  readonly url = `${POSTGRES_URL}/${this.name}`;

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async drop(): Promise<void> {
    const client = new pg.Client({ connectionString: `${POSTGRES_URL}/postgres` });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
}
