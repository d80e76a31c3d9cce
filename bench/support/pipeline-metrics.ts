import type { BenchDatabase } from './bench-database.js';

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface StoredRunMetrics {
  stored: number;
  /** Rows in `articles` that this run did not produce (another run's pages reaching our groups). */
  foreignRows: number;
  firstFetchedAt: Date | null;
  lastParsedAt: Date | null;
  firstStoredAt: Date | null;
  lastStoredAt: Date | null;
  fetchedToStored: LatencySummary | null;
  fetchedToParsed: LatencySummary | null;
  parsedToStored: LatencySummary | null;
  /** Distinct `stored_at` values: storage writes each consumed batch in one transaction, and now() is the transaction's start. */
  transactions: number;
  maxRowsPerTransaction: number;
}

interface LatencyRow {
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
}

function toSummary(row: LatencyRow | undefined): LatencySummary | null {
  if (!row || row.max === null) return null;
  return { p50: row.p50 ?? 0, p90: row.p90 ?? 0, p99: row.p99 ?? 0, max: row.max };
}

/** How many of this run's articles are stored; 0 while storage has not created the table yet. */
export async function countStored(db: BenchDatabase, ids: readonly string[]): Promise<number> {
  try {
    const [row] = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM articles WHERE id = ANY($1::text[])',
      [ids],
    );
    return Number(row?.n ?? 0);
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return 0; // undefined_table: migrations not run yet
    throw error;
  }
}

async function latency(db: BenchDatabase, ids: readonly string[], from: string, to: string) {
  const ms = `extract(epoch FROM (${to} - ${from})) * 1000`;
  const [row] = await db.query<LatencyRow>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ${ms}) AS p50,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY ${ms}) AS p90,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY ${ms}) AS p99,
            max(${ms}) AS max
     FROM articles WHERE id = ANY($1::text[])`,
    [ids],
  );
  return toSummary(row);
}

/**
 * Everything the report needs, from the articles table alone: the parser
 * stamps `parsed_at` when it extracted a page, storage stamps `stored_at`
 * with now() at insert, and `fetched_at` is the time the benchmark produced
 * the page. All three clocks are this machine's.
 */
export async function storedRunMetrics(db: BenchDatabase, ids: readonly string[]): Promise<StoredRunMetrics> {
  const [span] = await db.query<{
    stored: string;
    total: string;
    first_fetched: Date | null;
    last_parsed: Date | null;
    first_stored: Date | null;
    last_stored: Date | null;
  }>(
    `SELECT count(*) FILTER (WHERE id = ANY($1::text[])) AS stored,
            count(*) AS total,
            min(fetched_at) FILTER (WHERE id = ANY($1::text[])) AS first_fetched,
            max(parsed_at) FILTER (WHERE id = ANY($1::text[])) AS last_parsed,
            min(stored_at) FILTER (WHERE id = ANY($1::text[])) AS first_stored,
            max(stored_at) FILTER (WHERE id = ANY($1::text[])) AS last_stored
     FROM articles`,
    [ids],
  );
  const [tx] = await db.query<{ transactions: string; max_rows: number | null }>(
    `SELECT count(*) AS transactions, max(n) AS max_rows
     FROM (SELECT stored_at, count(*) AS n FROM articles WHERE id = ANY($1::text[]) GROUP BY stored_at) t`,
    [ids],
  );
  return {
    stored: Number(span?.stored ?? 0),
    foreignRows: Number(span?.total ?? 0) - Number(span?.stored ?? 0),
    firstFetchedAt: span?.first_fetched ?? null,
    lastParsedAt: span?.last_parsed ?? null,
    firstStoredAt: span?.first_stored ?? null,
    lastStoredAt: span?.last_stored ?? null,
    fetchedToStored: await latency(db, ids, 'fetched_at', 'stored_at'),
    fetchedToParsed: await latency(db, ids, 'fetched_at', 'parsed_at'),
    parsedToStored: await latency(db, ids, 'parsed_at', 'stored_at'),
    transactions: Number(tx?.transactions ?? 0),
    maxRowsPerTransaction: Number(tx?.max_rows ?? 0),
  };
}
