import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { countRanges, DAY_MS, HOUR_MS } from './count-ranges.js';

const at = (iso: string) => new Date(iso);
const shown = (from: string, to: string) =>
  countRanges(at(from), at(to)).map((r) => `${r.source} ${r.from.toISOString()} ${r.to.toISOString()}`);

describe('countRanges', () => {
  it('reads a window inside one hour from the articles', () => {
    expect(shown('2025-10-01T08:10:00Z', '2025-10-01T08:50:00Z')).toEqual([
      'articles 2025-10-01T08:10:00.000Z 2025-10-01T08:50:00.000Z',
    ]);
  });

  it('reads whole hours from the hourly counts and the partial ones from the articles', () => {
    expect(shown('2025-10-01T08:10:00Z', '2025-10-02T08:10:00Z')).toEqual([
      'articles 2025-10-01T08:10:00.000Z 2025-10-01T09:00:00.000Z',
      'hourly 2025-10-01T09:00:00.000Z 2025-10-02T08:00:00.000Z',
      'articles 2025-10-02T08:00:00.000Z 2025-10-02T08:10:00.000Z',
    ]);
  });

  it('reads whole days from the daily counts', () => {
    expect(shown('2025-10-01T08:10:00Z', '2025-10-04T00:00:00Z')).toEqual([
      'articles 2025-10-01T08:10:00.000Z 2025-10-01T09:00:00.000Z',
      'hourly 2025-10-01T09:00:00.000Z 2025-10-02T00:00:00.000Z',
      'daily 2025-10-02T00:00:00.000Z 2025-10-04T00:00:00.000Z',
    ]);
  });

  it('is empty for an empty window', () => {
    expect(shown('2025-10-01T08:00:00Z', '2025-10-01T08:00:00Z')).toEqual([]);
  });

  it('covers [from, to) exactly, with ranges on the boundaries of their source', () => {
    const start = Date.UTC(2025, 0, 1);
    const instant = fc.integer({ min: 0, max: 20 * DAY_MS }).map((ms) => start + ms);
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const [from, to] = [Math.min(a, b), Math.max(a, b)];
        const ranges = countRanges(new Date(from), new Date(to));
        let cursor = from;
        for (const range of ranges) {
          if (range.from.getTime() !== cursor || range.to <= range.from) return false;
          const unit = { articles: 1, hourly: HOUR_MS, daily: DAY_MS }[range.source];
          if (range.from.getTime() % unit !== 0 || range.to.getTime() % unit !== 0) return false;
          cursor = range.to.getTime();
        }
        return cursor === to || (from === to && ranges.length === 0);
      }),
    );
  });
});
