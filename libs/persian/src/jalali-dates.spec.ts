import { describe, expect, it } from '@jest/globals';
import { findJalaliDates } from './date-parse.js';

// 1404/06/31 = 2025-09-22 (Monday); Tehran is +03:30 in 2025.
const AT_2030 = '2025-09-22T17:00:00.000Z';
const MIDNIGHT = '2025-09-21T20:30:00.000Z';

function one(text: string): { iso: string; hasTime: boolean; index: number; raw: string } {
  const found = findJalaliDates(text);
  expect(found).toHaveLength(1);
  const [f] = found;
  expect(f!.calendar).toBe('jalali');
  return { iso: f!.date.toISOString(), hasTime: f!.hasTime, index: f!.index, raw: f!.raw };
}

describe('findJalaliDates', () => {
  it.each([
    ['۱۴۰۴/۰۶/۳۱ - ۲۰:۳۰', AT_2030, true],
    ['۱۴۰۴/۶/۳۱', MIDNIGHT, false],
    ['1404-06-31 20:30', AT_2030, true],
    ['۱۴۰۴-۰۶-۳۱', MIDNIGHT, false],
    ['۳۱ شهریور ۱۴۰۴', MIDNIGHT, false],
    ['۳۱ شهریور ۱۴۰۴ ساعت ۲۰:۳۰', AT_2030, true],
    ['۳۱ شهریور ۱۴۰۴ - ۲۰:۳۰', AT_2030, true],
    ['دوشنبه ۳۱ شهریور ۱۴۰۴', MIDNIGHT, false],
    ['۲۰:۳۰ - ۱۴۰۴/۰۶/۳۱', AT_2030, true],
    ['٣١ شهريور ١٤٠٤', MIDNIGHT, false], // Arabic-Indic digits, Arabic yeh
    ['۳۱ شهریور‌ماه ۱۴۰۴، ساعت: ۲۰:۳۰', AT_2030, true],
    ['۳۱/۰۶/۱۴۰۴', MIDNIGHT, false], // day-first order
    ['1404-06-31T20:30:00+03:30', AT_2030, true],
    ['۳۱\u00A0شهریــور\u00A0۱۴۰۴', MIDNIGHT, false], // NBSP and tatweel
  ])('parses %s', (text, expected, hasTime) => {
    const f = one(text);
    expect(f.iso).toBe(expected);
    expect(f.hasTime).toBe(hasTime);
  });

  it('reports the matched text and its position verbatim', () => {
    const text = 'انتشار: دوشنبه ۳۱ شهریور ۱۴۰۴ ساعت ۲۰:۳۰ - خبرگزاری';
    const f = one(text);
    expect(f.raw).toBe('دوشنبه ۳۱ شهریور ۱۴۰۴ ساعت ۲۰:۳۰');
    expect(f.index).toBe(text.indexOf('دوشنبه'));
  });

  it('keeps the original characters in raw when the text has ZWNJ and Arabic letters', () => {
    const text = 'يكشنبه ۳۰ شهریور ۱۴۰۴ | سه‌شنبه ۱ مهر ۱۴۰۴';
    const found = findJalaliDates(text);
    expect(found.map((f) => f.raw)).toEqual(['يكشنبه ۳۰ شهریور ۱۴۰۴', 'سه‌شنبه ۱ مهر ۱۴۰۴']);
    expect(found.map((f) => f.date.toISOString())).toEqual([
      '2025-09-20T20:30:00.000Z', // 1404/06/30 = 2025-09-21
      '2025-09-22T20:30:00.000Z', // 1404/07/01 = 2025-09-23
    ]);
  });

  it('accepts Arabic-letter spellings of month names', () => {
    // 1404/02/10: Farvardin has 31 days, so 1 Ordibehesht = 2025-04-21 and the 10th = 2025-04-30.
    expect(one('۱۰ ارديبهشت ۱۴۰۴').iso).toBe('2025-04-29T20:30:00.000Z');
    expect(one('۱۰ اردیبهشت ۱۴۰۴').iso).toBe('2025-04-29T20:30:00.000Z');
  });

  it('maps every month name to its number', () => {
    const names = [
      'فروردین',
      'اردیبهشت',
      'خرداد',
      'تیر',
      'مرداد',
      'شهریور',
      'مهر',
      'آبان',
      'آذر',
      'دی',
      'بهمن',
      'اسفند',
    ];
    names.forEach((name, i) => {
      const [numeric] = findJalaliDates(`1404/${i + 1}/1`);
      const [named] = findJalaliDates(`1 ${name} 1404`);
      expect(named!.date).toEqual(numeric!.date);
    });
  });

  it('returns several dates in order of appearance', () => {
    const text = 'انتشار: ۱۴۰۴/۰۶/۳۰ - ۱۰:۰۰ | به‌روزرسانی: ۳۱ شهریور ۱۴۰۴ ساعت ۲۰:۳۰ | بایگانی ۱ مهر ۱۴۰۴';
    const found = findJalaliDates(text);
    expect(found.map((f) => [f.date.toISOString(), f.hasTime, f.raw])).toEqual([
      ['2025-09-21T06:30:00.000Z', true, '۱۴۰۴/۰۶/۳۰ - ۱۰:۰۰'],
      [AT_2030, true, '۳۱ شهریور ۱۴۰۴ ساعت ۲۰:۳۰'],
      ['2025-09-22T20:30:00.000Z', false, '۱ مهر ۱۴۰۴'],
    ]);
    expect(found.map((f) => f.index)).toEqual([
      text.indexOf('۱۴۰۴/۰۶/۳۰'),
      text.indexOf('۳۱ شهریور'),
      text.indexOf('۱ مهر'),
    ]);
  });

  it('gives a time between two dates to the date before it', () => {
    const found = findJalaliDates('۱۴۰۴/۰۶/۳۰ ۲۰:۳۰ - ۱۴۰۴/۰۶/۳۱');
    expect(found.map((f) => [f.date.toISOString(), f.hasTime])).toEqual([
      ['2025-09-21T17:00:00.000Z', true],
      [MIDNIGHT, false],
    ]);
  });

  it('skips impossible dates and non-Jalali years silently', () => {
    expect(findJalaliDates('۱۴۰۴/۱۲/۳۰')).toEqual([]); // 1404 is not leap
    expect(findJalaliDates('۱۴۰۴/۱۳/۰۱ و ۱۴۰۴/۰۷/۳۱ و ۳۱ مهر ۱۴۰۴')).toEqual([]);
    expect(findJalaliDates('1504/01/01 1299/01/01 2025/09/22 2025-09-22')).toEqual([]);
    expect(one('۳۰ اسفند ۱۴۰۳').iso).toBe('2025-03-19T20:30:00.000Z'); // 1403 is leap
  });

  it('keeps the date when the time is impossible', () => {
    const f = one('۱۴۰۴/۰۶/۳۱ ساعت ۲۵:۰۰');
    expect(f).toMatchObject({ iso: MIDNIGHT, hasTime: false, raw: '۱۴۰۴/۰۶/۳۱' });
  });

  it('reads times in the Tehran offset of the day (+04:30 in summer 1399)', () => {
    expect(one('۱ مرداد ۱۳۹۹ ساعت ۱۲:۰۰').iso).toBe('2020-07-22T07:30:00.000Z');
  });

  it('does not read digits inside longer numbers as dates', () => {
    expect(findJalaliDates('11404/06/31 1404/06/311 ۱۲۳۱ شهریور ۱۴۰۴۵')).toEqual([]);
  });

  it('returns on 1 MB adversarial inputs (no catastrophic backtracking)', () => {
    const inputs = [
      '۱'.repeat(500_000) + '/' + '۱'.repeat(500_000),
      '۱۴۰۴/'.repeat(200_000),
      '۱۴۰۴/۰۶/'.repeat(120_000),
      '۳۱ شهریور '.repeat(100_000),
      '۲۰:'.repeat(300_000) + '۱۴۰۴',
      '۱۴۰۴/۰۶/۳۱' + ' '.repeat(1_000_000) + '۲۰:۳۰',
      'شنبه '.repeat(200_000),
      '\u200C'.repeat(1_000_000) + '۱۴۰۴/۰۶/۳۱',
    ];
    for (const input of inputs) {
      expect(Array.isArray(findJalaliDates(input))).toBe(true);
    }
  });
});
