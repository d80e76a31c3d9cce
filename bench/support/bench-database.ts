import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A name unique to this run, for the database and the consumer groups. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/**
 * A database of its own for one benchmark run. Storage creates it and runs
 * its migrations on start; the benchmark only reads it, and drops it at the end.
 */
export class BenchDatabase {
  readonly name = uniqueName('news_bench');
  readonly url: string;
  private client?: pg.Client;

  constructor(private readonly serverUrl: string) {
    this.url = `${serverUrl}/${this.name}`;
  }

  /** One connection reused by every poll, so polling does not add connection set-up to the database's load. */
  async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (!this.client) {
      const client = new pg.Client({ connectionString: this.url });
      await client.connect();
      this.client = client;
    }
    return (await this.client.query<T>(sql, params)).rows;
  }

  async drop(): Promise<void> {
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
    const admin = new pg.Client({ connectionString: `${this.serverUrl}/postgres` });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
}
