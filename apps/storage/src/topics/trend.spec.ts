import { describe, expect, it } from '@jest/globals';
import { DAY_MS, HOUR_MS } from './count-ranges.js';
import { trend } from './trend.js';

describe('trend', () => {
  it('compares the count with the mean of same-length windows over 7 days', () => {
    // 56 articles in 7 days: 2 per 6 hours, √2 spread.
    expect(trend(2, 56, 6 * HOUR_MS)).toEqual({ baseline: 2, zScore: 0 });
    expect(trend(6, 56, 6 * HOUR_MS).zScore).toBeCloseTo(4 / Math.SQRT2, 10);
    expect(trend(10, 70, DAY_MS)).toEqual({ baseline: 10, zScore: 0 });
  });

  it('floors the spread at 1, so a topic new today scores its count', () => {
    expect(trend(4, 0, 6 * HOUR_MS)).toEqual({ baseline: 0, zScore: 4 });
    expect(trend(4, 7, 6 * HOUR_MS)).toEqual({ baseline: 0.25, zScore: 3.75 });
  });

  it('is negative for a topic quieter than usual', () => {
    expect(trend(0, 168, HOUR_MS).zScore).toBe(-1);
  });
});
