// Whether a topic is rising: its count in the window against its own baseline,
// the mean count of same-length windows over the 7 whole UTC days before the
// window's day (read from the daily counts: a few rows per topic, whatever the
// window). The spread is Poisson's, √mean: counts of independent articles are
// Poisson-like, and it needs no per-window history; the floor keeps a topic new
// today (mean 0) from dividing by zero, so its z-score is simply its count.

import { DAY_MS } from './count-ranges.js';

export const BASELINE_DAYS = 7;
/** Smallest standard deviation used: a topic with a baseline of 0 scores its count. */
export const SD_FLOOR = 1;
/** A topic needs this many articles in the window to trend: one article is not a trend. */
export const MIN_TRENDING_COUNT = 2;

export interface Trend {
  /** Mean count of same-length windows in the baseline days. */
  baseline: number;
  zScore: number;
}

export function trend(count: number, baselineTotal: number, windowMs: number): Trend {
  const baseline = (baselineTotal * windowMs) / (BASELINE_DAYS * DAY_MS);
  const sd = Math.max(Math.sqrt(baseline), SD_FLOOR);
  return { baseline, zScore: (count - baseline) / sd };
}
