/** One latency bucket summed over a window: `count` articles took at least `lowerMs` and less than `upperMs`. */
export interface LatencyBucket {
  lowerMs: number;
  /** null for the last, open bucket. */
  upperMs: number | null;
  count: number;
}

export interface LatencyPercentiles {
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/**
 * The q-quantile (0 < q ≤ 1) of a latency histogram, interpolated linearly inside the bucket it
 * falls in, as Prometheus' histogram_quantile does: exact at bucket bounds, otherwise off by at
 * most the width of one bucket (the buckets grow in 1-2-5 steps, so within a factor of 2.5). A
 * quantile in the open last bucket is that bucket's lower bound. null for an empty histogram.
 */
export function latencyQuantile(buckets: readonly LatencyBucket[], q: number): number | null {
  const sorted = buckets.filter((b) => b.count > 0).sort((a, b) => a.lowerMs - b.lowerMs);
  const total = sorted.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  for (const bucket of sorted) {
    if (below + bucket.count >= rank) {
      if (bucket.upperMs === null) return bucket.lowerMs;
      const share = (rank - below) / bucket.count;
      return Math.round(bucket.lowerMs + (bucket.upperMs - bucket.lowerMs) * share);
    }
    below += bucket.count;
  }
  return sorted[sorted.length - 1].lowerMs; // not reached for q ≤ 1
}

export function latencyPercentiles(buckets: readonly LatencyBucket[]): LatencyPercentiles {
  return {
    count: buckets.reduce((sum, b) => sum + b.count, 0),
    p50Ms: latencyQuantile(buckets, 0.5),
    p95Ms: latencyQuantile(buckets, 0.95),
    p99Ms: latencyQuantile(buckets, 0.99),
  };
}
