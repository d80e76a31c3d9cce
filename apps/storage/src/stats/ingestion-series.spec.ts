import { describe, expect, it } from '@jest/globals';
import { bucketStart, HOUR_MS, MINUTE_MS, zeroFilledSeries } from './ingestion-series.js';

describe('ingestion series', () => {
  const now = new Date('2025-10-01T10:42:31.500Z');

  it('truncates to the minute and to the UTC hour', () => {
    expect(bucketStart(now, MINUTE_MS).toISOString()).toBe('2025-10-01T10:42:00.000Z');
    expect(bucketStart(now, HOUR_MS).toISOString()).toBe('2025-10-01T10:00:00.000Z');
  });

  it('gives every minute of the window, oldest first, zero where nothing was written', () => {
    const series = zeroFilledSeries(
      [
        { t: new Date('2025-10-01T10:42:00Z'), count: 3 },
        { t: new Date('2025-10-01T10:40:00Z'), count: 2 },
        { t: new Date('2025-10-01T10:30:00Z'), count: 9 }, // before the window
      ],
      now,
      MINUTE_MS,
      3,
    );
    expect(series).toEqual([
      { t: '2025-10-01T10:40:00.000Z', count: 2 },
      { t: '2025-10-01T10:41:00.000Z', count: 0 },
      { t: '2025-10-01T10:42:00.000Z', count: 3 },
    ]);
  });

  it('sums the minutes of each hour', () => {
    const series = zeroFilledSeries(
      [
        { t: new Date('2025-10-01T09:05:00Z'), count: 1 },
        { t: new Date('2025-10-01T09:59:00Z'), count: 4 },
        { t: new Date('2025-10-01T10:01:00Z'), count: 2 },
      ],
      now,
      HOUR_MS,
      2,
    );
    expect(series).toEqual([
      { t: '2025-10-01T09:00:00.000Z', count: 5 },
      { t: '2025-10-01T10:00:00.000Z', count: 2 },
    ]);
  });
});
