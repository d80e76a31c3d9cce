export interface CountPoint {
  /** Start of the bucket, ISO 8601 UTC. */
  t: string;
  count: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** The start of the `stepMs`-long bucket (minute, hour: both divide a UTC day) that holds `at`. */
export function bucketStart(at: Date, stepMs: number): Date {
  return new Date(Math.floor(at.getTime() / stepMs) * stepMs);
}

/**
 * `buckets` consecutive buckets of `stepMs` ending with the one that holds `now`, oldest first,
 * with the counts of `rows` (bucket start → count) and 0 where there are none: a chart of the
 * last hour has 60 points whether or not anything arrived.
 */
export function zeroFilledSeries(
  rows: readonly { t: Date; count: number }[],
  now: Date,
  stepMs: number,
  buckets: number,
): CountPoint[] {
  const counts = new Map<number, number>();
  for (const row of rows) {
    const start = bucketStart(row.t, stepMs).getTime();
    counts.set(start, (counts.get(start) ?? 0) + row.count);
  }
  const last = bucketStart(now, stepMs).getTime();
  return Array.from({ length: buckets }, (_, i) => {
    const start = last - (buckets - 1 - i) * stepMs;
    return { t: new Date(start).toISOString(), count: counts.get(start) ?? 0 };
  });
}
