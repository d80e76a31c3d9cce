import { describe, expect, it } from '@jest/globals';
import { parseGregorian } from './date-parse.js';

const at = (text: string, zone?: string): string | null => parseGregorian(text, zone)?.toISOString() ?? null;
const T = '2025-09-22T17:00:00.000Z'; // 20:30 in Tehran

describe('parseGregorian', () => {
  it.each([
    ['2025-09-22T17:00:00Z', T],
    ['2025-09-22T20:30:00+03:30', T],
    ['2025-09-22T20:30:00', T], // no offset → Tehran
    ['2025-09-22T20:30:00.000', T],
    ['  2025-09-22 20:30:00  ', T],
    ['2025-09-22 20:30:00 +03:30', T],
    ['۲۰۲۵-۰۹-۲۲T۲۰:۳۰:۰۰', T],
    ['2025-09-22', '2025-09-21T20:30:00.000Z'],
    ['Mon, 22 Sep 2025 17:00:00 GMT', T],
    ['Mon, 22 Sep 2025 17:00:00 +0000', T],
    ['Mon, 22 Sep 2025 20:30:00 +0330', T],
    ['Mon, 22 Sep 2025 20:30:00 +03:30', T],
    ['Mon, 22 Sep 2025 20:30:00 IRST', T],
    ['22 Sep 2025 20:30 +0330', T],
    ['Mon, 22 Sep 2025 20:30:00', T], // no zone → Tehran
    ['Monday, 22-Sep-25 17:00:00 GMT', T], // RFC 850 (HTTP)
  ])('%s', (text, expected) => {
    expect(at(text)).toBe(expected);
  });

  it('uses the historical Tehran offset when none is given', () => {
    expect(at('2020-07-22T12:00:00')).toBe('2020-07-22T07:30:00.000Z');
    expect(at('Wed, 22 Jul 2020 12:00:00')).toBe('2020-07-22T07:30:00.000Z');
  });

  it('honours another default zone', () => {
    expect(at('2025-09-22T20:30:00', 'UTC')).toBe('2025-09-22T20:30:00.000Z');
    expect(at('Mon, 22 Sep 2025 20:30:00', 'Europe/London')).toBe('2025-09-22T19:30:00.000Z');
    expect(() => parseGregorian('2025-09-22', 'Mars/Olympus')).toThrow(RangeError);
  });

  it('returns null for non-dates, bare times and Jalali years in ISO shape', () => {
    expect(at('')).toBeNull();
    expect(at('yesterday')).toBeNull();
    expect(at('20:30')).toBeNull();
    expect(at('2025-13-01')).toBeNull();
    expect(at('1404-06-30')).toBeNull();
    expect(at('1404-06-30T20:30:00')).toBeNull();
  });
});
