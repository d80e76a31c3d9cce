import type { StatsRepository } from '../stats/stats.repository.js';
import { COUNTER_RETENTION_DAYS } from '../stats/stats.repository.js';
import type { LatencyBucket } from '../stats/latency-percentiles.js';
import { isoInstant, type PublicApi, type SqliteDatabase } from './sqlite-database.js';

export type StatsStore = PublicApi<StatsRepository>;

/**
 * Lower bounds (ms) of the fetch-to-store latency buckets: the ones PostgreSQL's migration
 * freezes (database/add-ingestion-counters.ts), so both stores answer /stats alike.
 */
const LATENCY_BOUNDS_MS = [
  0, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 60_000, 120_000, 300_000,
  600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000,
  604_800_000,
];
const MINUTE_MS = 60_000;

/** Counts one written article per minute, kind and latency bucket, inside the upsert's transaction. */
export class IngestionCounter {
  private readonly add;

  constructor(db: SqliteDatabase) {
    this.add = db.prepare<[string, string, number, number | null]>(
      `INSERT INTO ingestion_counters (minute, kind, lower_ms, upper_ms, count) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (minute, kind, lower_ms) DO UPDATE SET count = count + 1`,
    );
  }

  count(storedAt: Date, kind: 'inserted' | 'updated', fetchedAt: Date): void {
    const latency = Math.max(0, storedAt.getTime() - fetchedAt.getTime());
    // The last bound not above the latency, as PostgreSQL's width_bucket finds it.
    let i = LATENCY_BOUNDS_MS.length - 1;
    while (LATENCY_BOUNDS_MS[i] > latency) i -= 1;
    const minute = new Date(Math.floor(storedAt.getTime() / MINUTE_MS) * MINUTE_MS);
    this.add.run(isoInstant(minute), kind, LATENCY_BOUNDS_MS[i], LATENCY_BOUNDS_MS[i + 1] ?? null);
  }
}

/** Reads of the ingestion counters in the SQLite store (written by IngestionCounter). */
export class SqliteStatsRepository implements StatsStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The clock the counters' minutes come from: this process's. */
  async now(): Promise<Date> {
    return this.clock();
  }

  async writtenPerMinute(since: Date): Promise<{ t: Date; count: number }[]> {
    return this.db
      .prepare<[string], { t: string; count: number }>(
        `SELECT minute AS t, sum(count) AS count FROM ingestion_counters
         WHERE minute >= ? GROUP BY minute ORDER BY minute`,
      )
      .all(isoInstant(since))
      .map((r) => ({ t: new Date(r.t), count: r.count }));
  }

  async latencyBuckets(since: Date): Promise<LatencyBucket[]> {
    return this.db
      .prepare<[string], LatencyBucket>(
        `SELECT lower_ms AS lowerMs, upper_ms AS upperMs, sum(count) AS count FROM ingestion_counters
         WHERE minute >= ? GROUP BY lower_ms, upper_ms`,
      )
      .all(isoInstant(since));
  }

  async prune(retentionDays = COUNTER_RETENTION_DAYS): Promise<number> {
    const cutoff = new Date(this.clock().getTime() - retentionDays * 24 * 60 * MINUTE_MS);
    return this.db
      .prepare<[string]>('DELETE FROM ingestion_counters WHERE minute < ?')
      .run(isoInstant(cutoff)).changes;
  }
}
