import { describe, expect, it } from '@jest/globals';
import { estimateItemsPerDay } from './item-frequency.js';

const now = new Date('2026-11-27T12:00:00Z');

describe('estimateItemsPerDay', () => {
  it('counts the dated items over the time from the oldest to now', () => {
    // 4 items, the oldest 12 hours ago: 8 a day.
    expect(
      estimateItemsPerDay(
        ['2026-11-27T11:00:00Z', '2026-11-27T06:00:00Z', '2026-11-27T00:00:00Z', '2026-11-27T09:00:00Z'],
        now,
      ),
    ).toBe(8);
  });

  it('sees a feed that went quiet as quiet', () => {
    // 2 items, the oldest 10 days ago: 0.2 a day, although they were an hour apart.
    expect(estimateItemsPerDay(['2026-11-17T13:00:00Z', '2026-11-17T12:00:00Z'], now)).toBe(0.2);
  });

  it('ignores undated items and items dated more than an hour ahead', () => {
    expect(
      estimateItemsPerDay(
        [null, '2026-11-27T06:00:00Z', 'not a date', '2026-11-28T12:00:00Z', '2026-11-27T12:30:00Z'],
        now,
      ),
    ).toBe(8);
  });

  it.each([
    ['no dates', [null, null]],
    ['one date', ['2026-11-27T06:00:00Z', null]],
    ['every item stamped alike', ['2026-11-27T11:59:00Z', '2026-11-27T11:59:00Z', '2026-11-27T11:59:00Z']],
  ])('has no estimate with %s', (_name, dates) => {
    expect(estimateItemsPerDay(dates, now)).toBeNull();
  });
});
