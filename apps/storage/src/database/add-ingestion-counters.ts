import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lower v_bounds, in milliseconds, of the fetch-to-store latency buckets: 1-2-5 steps from 10 ms to
 * a week (a replay of old raw pages lands in the last ones). Frozen here with the migration: rows
 * carry their own v_bounds, so a later migration may change the steps without rewriting old rows.
 */
export const LATENCY_BOUNDS_MS: readonly number[] = [
  0, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 60_000, 120_000, 300_000,
  600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000,
  604_800_000,
];

/**
 * `ingestion_counters`: articles written per minute, per kind (inserted or updated) and per
 * fetch-to-store latency bucket, for `GET /stats`. Kept by statement-level triggers with
 * transition tables, like `sources.article_count` (see add-source-counts.ts): one grouped upsert
 * per batch statement, never one per row, and every writer is counted. The latency is measured
 * at the end of the upsert statement (`clock_timestamp()`), a few milliseconds before the
 * commit. Rows are taken in (minute, kind, lower_ms) order, so two storage instances writing at
 * once cannot deadlock on them. Old minutes are pruned by the storage service (StatsRepository).
 */
export class AddIngestionCounters1764835200000 implements MigrationInterface {
  name = 'AddIngestionCounters1764835200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE ingestion_counters (
        minute   timestamptz NOT NULL,
        kind     text NOT NULL CHECK (kind IN ('inserted', 'updated')),
        lower_ms bigint NOT NULL,
        upper_ms bigint,
        count    int NOT NULL,
        PRIMARY KEY (minute, kind, lower_ms)
      )`);
    await runner.query(`
      CREATE FUNCTION count_ingestion() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_bounds bigint[] := ARRAY[${LATENCY_BOUNDS_MS.join(', ')}]::bigint[];
        v_now timestamptz := clock_timestamp();
        v_kind text := CASE TG_OP WHEN 'INSERT' THEN 'inserted' ELSE 'updated' END;
      BEGIN
        INSERT INTO ingestion_counters AS c (minute, kind, lower_ms, upper_ms, count)
        SELECT date_trunc('minute', v_now), v_kind, v_bounds[b], v_bounds[b + 1], n
        FROM (
          SELECT width_bucket(
                   greatest(0, (extract(epoch FROM v_now - fetched_at) * 1000)::bigint), v_bounds) AS b,
                 count(*)::int AS n
          FROM written GROUP BY 1
        ) buckets
        ORDER BY b
        ON CONFLICT (minute, kind, lower_ms) DO UPDATE SET count = c.count + EXCLUDED.count;
        RETURN NULL;
      END
      $$`);
    // One trigger per event: PostgreSQL allows transition tables only on single-event triggers.
    await runner.query(`
      CREATE TRIGGER articles_ingestion_inserted AFTER INSERT ON articles
        REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION count_ingestion()`);
    await runner.query(`
      CREATE TRIGGER articles_ingestion_updated AFTER UPDATE ON articles
        REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION count_ingestion()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TRIGGER articles_ingestion_inserted ON articles');
    await runner.query('DROP TRIGGER articles_ingestion_updated ON articles');
    await runner.query('DROP FUNCTION count_ingestion()');
    await runner.query('DROP TABLE ingestion_counters');
  }
}
