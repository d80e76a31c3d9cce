import { describe, expect, it } from '@jest/globals';
import { latencyPercentiles, latencyQuantile } from './latency-percentiles.js';

describe('latency percentiles from a bucketed histogram', () => {
  const buckets = [
    { lowerMs: 1_000, upperMs: 2_000, count: 10 },
    { lowerMs: 0, upperMs: 10, count: 0 },
    { lowerMs: 100, upperMs: 200, count: 10 },
  ];

  it('interpolates linearly inside the bucket the rank falls in, buckets in any order', () => {
    // 20 articles: rank 10 is the top of [100, 200); rank 19 is 90% into [1000, 2000).
    expect(latencyQuantile(buckets, 0.5)).toBe(200);
    expect(latencyQuantile(buckets, 0.95)).toBe(1_900);
    expect(latencyQuantile(buckets, 0.99)).toBe(1_980);
    expect(latencyQuantile(buckets, 0.25)).toBe(150);
  });

  it('answers the lower bound of the open last bucket', () => {
    expect(latencyQuantile([{ lowerMs: 604_800_000, upperMs: null, count: 5 }], 0.5)).toBe(604_800_000);
  });

  it('has no percentiles without articles', () => {
    expect(latencyPercentiles([])).toEqual({ count: 0, p50Ms: null, p95Ms: null, p99Ms: null });
    expect(latencyPercentiles([{ lowerMs: 0, upperMs: 10, count: 0 }]).p50Ms).toBeNull();
  });

  it('counts every article of the window', () => {
    expect(latencyPercentiles(buckets)).toEqual({ count: 20, p50Ms: 200, p95Ms: 1_900, p99Ms: 1_980 });
  });
});
