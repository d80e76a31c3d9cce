import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { jalaaliMonthLength } from 'jalaali-js';
import { TEHRAN_ZONE, formatJalaliTehran, jalaliToUtc, toJalaliParts } from './jalali.js';

const iso = (d: Date): string => d.toISOString();

/** Independent oracle: ICU's Persian calendar (agrees with jalaali-js for Gregorian 1800–2256). */
const icuPersian = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', {
  timeZone: TEHRAN_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});
function icuJalali(date: Date): [number, number, number] {
  const parts = Object.fromEntries(icuPersian.formatToParts(date).map((p) => [p.type, p.value]));
  return [Number(parts['year']), Number(parts['month']), Number(parts['day'])];
}

const validJalaliDate = fc
  .record({
    jy: fc.integer({ min: 1300, max: 1499 }),
    jm: fc.integer({ min: 1, max: 12 }),
    dayIndex: fc.nat(),
  })
  .map(({ jy, jm, dayIndex }) => ({ jy, jm, jd: 1 + (dayIndex % jalaaliMonthLength(jy, jm)) }));

describe('jalaliToUtc', () => {
  it('reads wall time in Tehran', () => {
    expect(iso(jalaliToUtc(1404, 6, 31, 20, 30))).toBe('2025-09-22T17:00:00.000Z');
  });

  it('puts 1 Farvardin 1404 on 2025-03-21 (midnight Tehran, +03:30)', () => {
    expect(iso(jalaliToUtc(1404, 1, 1))).toBe('2025-03-20T20:30:00.000Z');
  });

  it('accepts 1403/12/30 (1403 is leap) and rejects 1404/12/30', () => {
    expect(iso(jalaliToUtc(1403, 12, 30))).toBe('2025-03-19T20:30:00.000Z');
    expect(() => jalaliToUtc(1404, 12, 30)).toThrow(RangeError);
    expect(() => jalaliToUtc(1404, 12, 30)).toThrow(/1404 is not a leap year/);
  });

  it('rejects impossible months, days and times with a RangeError', () => {
    expect(() => jalaliToUtc(1404, 13, 1)).toThrow(/month must be 1-12/);
    expect(() => jalaliToUtc(1404, 7, 31)).toThrow(/has days 1-30/);
    expect(() => jalaliToUtc(1404, 1, 0)).toThrow(RangeError);
    expect(() => jalaliToUtc(1404, 1, 1.5)).toThrow(/integers/);
    expect(() => jalaliToUtc(1404, 1, 1, 24)).toThrow(/Invalid time/);
    expect(() => jalaliToUtc(1404, 1, 1, 12, 60)).toThrow(/Invalid time/);
  });

  it('crosses a month edge: the day after 1404/06/31 is 1404/07/01', () => {
    const last = jalaliToUtc(1404, 6, 31, 12);
    const next = new Date(last.getTime() + 24 * 3600 * 1000);
    expect(toJalaliParts(next)).toMatchObject({ jy: 1404, jm: 7, jd: 1, hour: 12 });
    expect(iso(jalaliToUtc(1404, 7, 1))).toBe('2025-09-22T20:30:00.000Z');
  });

  it('uses the historical offset: +04:30 in summer 1399, +03:30 in summer 1402', () => {
    expect(iso(jalaliToUtc(1399, 5, 1, 12))).toBe('2020-07-22T07:30:00.000Z');
    expect(iso(jalaliToUtc(1402, 5, 1, 12))).toBe('2023-07-23T08:30:00.000Z');
  });

  it('agrees with ICU’s Persian calendar for every valid date 1300–1499', () => {
    fc.assert(
      fc.property(validJalaliDate, ({ jy, jm, jd }) => {
        expect(icuJalali(jalaliToUtc(jy, jm, jd, 12))).toEqual([jy, jm, jd]);
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips Jalali → instant → Jalali for every valid date 1300–1499', () => {
    fc.assert(
      fc.property(
        validJalaliDate,
        fc.integer({ min: 6, max: 21 }), // away from the historical 00:00/24:00 DST switches
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        ({ jy, jm, jd }, hour, minute, second) => {
          const parts = toJalaliParts(jalaliToUtc(jy, jm, jd, hour, minute, second));
          expect(parts).toMatchObject({ jy, jm, jd, hour, minute, second });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('round-trips instant → Jalali → instant (to the wall-clock second)', () => {
    const from = Date.UTC(1921, 2, 22);
    const to = Date.UTC(2121, 2, 20);
    fc.assert(
      fc.property(fc.integer({ min: from / 1000, max: to / 1000 }), (seconds) => {
        const p = toJalaliParts(new Date(seconds * 1000));
        const back = toJalaliParts(jalaliToUtc(p.jy, p.jm, p.jd, p.hour, p.minute, p.second));
        expect({ ...back, offset: '' }).toEqual({ ...p, offset: '' });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('formatJalaliTehran', () => {
  it('formats in Tehran with the offset in force at that instant', () => {
    expect(formatJalaliTehran(new Date('2025-09-22T17:00:00Z'))).toBe('1404-06-31T20:30:00+03:30');
    expect(formatJalaliTehran(new Date('2020-07-22T07:30:00Z'))).toBe('1399-05-01T12:00:00+04:30');
  });

  it('rolls over to the next Jalali day at Tehran midnight, not UTC midnight', () => {
    expect(formatJalaliTehran(new Date('2025-09-22T20:29:59Z'))).toBe('1404-06-31T23:59:59+03:30');
    expect(formatJalaliTehran(new Date('2025-09-22T20:30:00Z'))).toBe('1404-07-01T00:00:00+03:30');
  });

  it('matches the article contract pattern', () => {
    expect(formatJalaliTehran(new Date())).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  });
});

describe('toJalaliParts', () => {
  it('returns Tehran wall time and offset', () => {
    expect(toJalaliParts(new Date('2025-09-22T17:00:00Z'))).toEqual({
      jy: 1404,
      jm: 6,
      jd: 31,
      hour: 20,
      minute: 30,
      second: 0,
      offset: '+03:30',
    });
  });

  it('rejects an invalid Date', () => {
    expect(() => toJalaliParts(new Date('nope'))).toThrow(RangeError);
  });
});
