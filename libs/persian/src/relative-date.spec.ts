import { describe, expect, it } from '@jest/globals';
import { parseRelativePersian } from './date-parse.js';

// 2025-09-22T17:00:00Z is 20:30 on 1404/06/31 in Tehran (+03:30).
const NOW = new Date('2025-09-22T17:00:00Z');
const at = (text: string, now = NOW): string | null => parseRelativePersian(text, now)?.toISOString() ?? null;

describe('parseRelativePersian', () => {
  it.each([
    ['۲ ساعت پیش', '2025-09-22T15:00:00.000Z'],
    ['۱۵ دقیقه پیش', '2025-09-22T16:45:00.000Z'],
    ['دیروز', '2025-09-21T17:00:00.000Z'],
    ['۳ روز پیش', '2025-09-19T17:00:00.000Z'],
    ['لحظاتی پیش', '2025-09-22T17:00:00.000Z'],
    ['30 ثانیه قبل', '2025-09-22T16:59:30.000Z'],
    ['یک ساعت پیش', '2025-09-22T16:00:00.000Z'],
    ['نیم ساعت پیش', '2025-09-22T16:30:00.000Z'],
    ['٢ هفته پيش', '2025-09-08T17:00:00.000Z'],
    ['پریروز', '2025-09-20T17:00:00.000Z'],
    ['دیروز ساعت ۱۰:۳۰', '2025-09-21T07:00:00.000Z'],
    ['امروز، ۰۸:۰۰', '2025-09-22T04:30:00.000Z'],
    ['دقایقی قبل', '2025-09-22T17:00:00.000Z'],
    ['۲ ساعت و ۱۵ دقیقه پیش', '2025-09-22T14:45:00.000Z'],
    ['یک ساعت و نیم پیش', '2025-09-22T15:30:00.000Z'],
    ['۱ روز و ۲ ساعت قبل', '2025-09-21T15:00:00.000Z'],
  ])('%s', (text, expected) => {
    expect(at(text)).toBe(expected);
  });

  it('finds the expression inside surrounding text', () => {
    expect(at('به‌روزرسانی: ۲ ساعت پیش')).toBe('2025-09-22T15:00:00.000Z');
  });

  it('moves day-based units on the Tehran calendar, keeping the wall time across an old DST change', () => {
    // 2020-09-21 15:30 Tehran (+03:30); one day earlier is 15:30 on 2020-09-20, still +04:30.
    expect(at('۱ روز پیش', new Date('2020-09-21T12:00:00Z'))).toBe('2020-09-20T11:00:00.000Z');
  });

  it('returns null when there is no relative expression', () => {
    expect(at('۳۱ شهریور ۱۴۰۴')).toBeNull();
    expect(at('پیشنهاد ساعت')).toBeNull();
    expect(at('')).toBeNull();
  });
});
