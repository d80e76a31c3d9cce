// Jalali ↔ instant conversion. Calendar arithmetic comes from jalaali-js; the
// Tehran offset comes from the IANA zone through luxon, never a constant:
// Iran observed +04:30 in summer until 2022 (and LMT +03:25:44 before 1946).

import { MAX_JALAALI_YEAR, MIN_JALAALI_YEAR, jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';
import { DateTime } from 'luxon';

export const TEHRAN_ZONE = 'Asia/Tehran';

export interface JalaliParts {
  jy: number;
  jm: number;
  jd: number;
  hour: number;
  minute: number;
  second: number;
  /** Tehran's UTC offset at that instant, `±HH:MM`. */
  offset: string;
}

/**
 * Wall-clock time in Tehran on a Jalali date → the instant. Throws RangeError on an impossible
 * date or time. A wall time skipped by a (pre-2023) DST change is moved forward, and a repeated one
 * resolves to the later (standard-time) instant — luxon's rules.
 */
export function jalaliToUtc(jy: number, jm: number, jd: number, hour = 0, minute = 0, second = 0): Date {
  assertJalaliDate(jy, jm, jd);
  assertTime(hour, minute, second);
  const { gy, gm, gd } = toGregorian(jy, jm, jd);
  const wall = DateTime.fromObject(
    { year: gy, month: gm, day: gd, hour, minute, second },
    { zone: TEHRAN_ZONE },
  );
  if (!wall.isValid)
    throw new RangeError(`Cannot place ${jy}/${jm}/${jd} in ${TEHRAN_ZONE}: ${wall.invalidExplanation}`);
  return wall.toJSDate();
}

/** The instant as Tehran wall time on the Jalali calendar, e.g. `1404-06-31T20:30:00+03:30` (seconds truncated). */
export function formatJalaliTehran(date: Date): string {
  const p = toJalaliParts(date);
  return (
    `${pad(p.jy, 4)}-${pad(p.jm, 2)}-${pad(p.jd, 2)}` +
    `T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${p.offset}`
  );
}

/** The instant's Jalali date, Tehran wall time and Tehran offset. */
export function toJalaliParts(date: Date): JalaliParts {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
  const tehran = DateTime.fromJSDate(date, { zone: TEHRAN_ZONE });
  // Gregorian parts from the Tehran wall clock, not Date's local time (which is the host's zone).
  const { jy, jm, jd } = toJalaali(tehran.year, tehran.month, tehran.day);
  return {
    jy,
    jm,
    jd,
    hour: tehran.hour,
    minute: tehran.minute,
    second: tehran.second,
    offset: tehran.toFormat('ZZ'),
  };
}

function assertJalaliDate(jy: number, jm: number, jd: number): void {
  const label = `${jy}/${jm}/${jd}`;
  if (!Number.isInteger(jy) || !Number.isInteger(jm) || !Number.isInteger(jd)) {
    throw new RangeError(`Invalid Jalali date ${label}: year, month and day must be integers`);
  }
  if (jy < MIN_JALAALI_YEAR || jy > MAX_JALAALI_YEAR) {
    throw new RangeError(
      `Invalid Jalali date ${label}: year must be ${MIN_JALAALI_YEAR}-${MAX_JALAALI_YEAR}`,
    );
  }
  if (jm < 1 || jm > 12) throw new RangeError(`Invalid Jalali date ${label}: month must be 1-12`);
  const length = jalaaliMonthLength(jy, jm);
  if (jd < 1 || jd > length) {
    const why = jm === 12 && jd === 30 ? ` (${jy} is not a leap year)` : '';
    throw new RangeError(`Invalid Jalali date ${label}: month ${jm} of ${jy} has days 1-${length}${why}`);
  }
}

function assertTime(hour: number, minute: number, second: number): void {
  const ok =
    Number.isInteger(hour) &&
    hour >= 0 &&
    hour <= 23 &&
    Number.isInteger(minute) &&
    minute >= 0 &&
    minute <= 59 &&
    Number.isInteger(second) &&
    second >= 0 &&
    second <= 59;
  if (!ok) throw new RangeError(`Invalid time ${hour}:${minute}:${second}: expected 0-23:0-59:0-59`);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
