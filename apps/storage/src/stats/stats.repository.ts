import type { DataSource } from 'typeorm';
import type { LatencyBucket } from './latency-percentiles.js';

/** Minutes of ingestion counters kept: the 48 hours /stats shows, and some days more to look back. */
export const COUNTER_RETENTION_DAYS = 7;

/** Reads of `ingestion_counters` (kept by triggers on articles, see add-ingestion-counters.ts). */
export class StatsRepository {
  /** `reads` is the API's pool (see readDataSourceOptions); pruning uses `dataSource`, the writer's. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly reads: DataSource = dataSource,
  ) {}

  /** The database's clock: the counters' minutes come from it, so the windows are measured on it too. */
  async now(): Promise<Date> {
    const [row]: { now: Date }[] = await this.reads.query('SELECT clock_timestamp() AS now');
    return row.now;
  }

  /** Articles written (inserted or updated) per minute since `since`, minutes without any left out. */
  async writtenPerMinute(since: Date): Promise<{ t: Date; count: number }[]> {
    return this.reads.query(
      `SELECT minute AS t, sum(count)::int AS count FROM ingestion_counters
       WHERE minute >= $1 GROUP BY minute ORDER BY minute`,
      [since],
    );
  }

  /** The fetch-to-store latency histogram of the articles written since `since`. */
  async latencyBuckets(since: Date): Promise<LatencyBucket[]> {
    const rows: { lower_ms: string; upper_ms: string | null; count: number }[] = await this.reads.query(
      `SELECT lower_ms, upper_ms, sum(count)::int AS count FROM ingestion_counters
       WHERE minute >= $1 GROUP BY lower_ms, upper_ms`,
      [since],
    );
    // bigint columns arrive as strings; every bound fits a double exactly (at most a week in ms).
    return rows.map((r) => ({
      lowerMs: Number(r.lower_ms),
      upperMs: r.upper_ms === null ? null : Number(r.upper_ms),
      count: r.count,
    }));
  }

  /** Deletes the minutes older than the retention; returns how many rows went. */
  async prune(retentionDays = COUNTER_RETENTION_DAYS): Promise<number> {
    const [, deleted]: [unknown, number] = await this.dataSource.query(
      `DELETE FROM ingestion_counters WHERE minute < clock_timestamp() - make_interval(days => $1)`,
      [retentionDays],
    );
    return deleted;
  }
}
