// Finds Jalali dates written in running text (article bylines, "time" elements).
//
// The patterns run over a scan copy of the text (see scan-text.ts), so they
// only have to know ASCII digits, Persian ی/ک and single spaces. Every
// quantifier is bounded or applies to a class that the next token cannot
// match, so matching is linear in the text length (no catastrophic
// backtracking on long digit or space runs).

import { isValidJalaaliDate } from 'jalaali-js';
import { jalaliToUtc } from './jalali.js';
import { sourceRange, toScanText } from './scan-text.js';

export interface FoundDate {
  /** The instant (Tehran wall time → UTC). */
  date: Date;
  /** False when no time of day was written; `date` is then midnight in Tehran. */
  hasTime: boolean;
  calendar: 'jalali' | 'gregorian';
  /** Index of the match in the caller's text (UTF-16 units). */
  index: number;
  /** The matched text, verbatim from the caller's text. */
  raw: string;
}

/** Spellings after scan normalization (ي/ك already folded); ا-forms cover آبان/آذر typed without madda. */
const MONTH_NUMBERS = new Map<string, number>([
  ['فروردین', 1],
  ['اردیبهشت', 2],
  ['خرداد', 3],
  ['تیر', 4],
  ['مرداد', 5],
  ['امرداد', 5],
  ['شهریور', 6],
  ['مهر', 7],
  ['آبان', 8],
  ['ابان', 8],
  ['آذر', 9],
  ['اذر', 9],
  ['دی', 10],
  ['بهمن', 11],
  ['اسفند', 12],
]);
// Longest first so that no month name can shadow a longer one sharing its prefix.
const MONTH = [...MONTH_NUMBERS.keys()].sort((a, b) => b.length - a.length).join('|');
// Only 1300–1499 count as Jalali years (1921–2121 CE); other 4-digit numbers are Gregorian years,
// prices, counts … and are left alone.
const YEAR = '(?<y>1[34]\\d{2})';
const WEEKDAY = '(?:یک|دو|سه|چهار|پنج) ?شنبه|شنبه|جمعه';

/** Date shapes; each wraps the date in a `date` group so a bad time can fall back to the date alone. */
const DATE_SHAPES = [
  // 1404/06/31, 1404-6-31, 1404.06.31 (same separator twice)
  `(?<date>(?<![\\d/])${YEAR}(?<sep>[/.-])(?<m>\\d{1,2})\\k<sep>(?<d>\\d{1,2})(?!\\d))`,
  // 31/06/1404 — the day-first order some sites use; Iranian sites never write month first.
  `(?<date>(?<![\\d/])(?<d>\\d{1,2})(?<sep>[/.-])(?<m>\\d{1,2})\\k<sep>${YEAR}(?![\\d/]))`,
  // [دوشنبه،] 31 شهریور [ماه][،] 1404
  `(?<date>(?:(?:${WEEKDAY}) ?[،,]? ?)?(?<!\\d)(?<d>\\d{1,2}) ?(?<mn>${MONTH})(?: ?ماه)? ?[،,]? ?${YEAR}(?!\\d))`,
];
const TIME = '(?<h>\\d{1,2}):(?<mi>\\d{2})(?::(?<s>\\d{2}))?(?!\\d)';
// Between a date and a following time: "T", " ", " - ", "، ساعت ", " | ساعت: " …
const DATE_TIME_GLUE = '(?:T| ?(?:[-–—،,|/] ?)?(?:ساعت ?:? ?)?)';
// Between a leading time and its date: "20:30 - 1404/06/31"
const TIME_DATE_GLUE = ' ?(?:[-–—،,|] ?)?';

const PATTERNS: readonly RegExp[] = DATE_SHAPES.flatMap((shape) => [
  new RegExp(`${shape}(?:${DATE_TIME_GLUE}${TIME})?`, 'gd'),
  new RegExp(`(?<![\\d:])${TIME}${TIME_DATE_GLUE}${shape}`, 'gd'),
]);

interface Candidate {
  from: number;
  to: number;
  date: Date;
  hasTime: boolean;
}

/**
 * Every Jalali date written in text, in order of appearance; digits may be Persian, Arabic-Indic
 * or ASCII. Impossible dates (1404/12/30, month 13, …) are skipped; an impossible time keeps the
 * date without it. Times are Tehran wall time; without one the date is midnight Tehran.
 */
export function findJalaliDates(text: string): FoundDate[] {
  const scan = toScanText(text);
  const candidates: Candidate[] = [];
  for (const pattern of PATTERNS) {
    for (const match of scan.text.matchAll(pattern)) {
      const candidate = toCandidate(match);
      if (candidate) candidates.push(candidate);
    }
  }
  // Different shapes can match overlapping text (a time belongs to the date before it
  // and to the one after it); keep the leftmost, then the longest, like a single regex would.
  candidates.sort((a, b) => a.from - b.from || b.to - a.to);
  const found: FoundDate[] = [];
  let taken = 0;
  for (const c of candidates) {
    if (c.from < taken) continue;
    taken = c.to;
    const { start, end } = sourceRange(scan, c.from, c.to);
    found.push({
      date: c.date,
      hasTime: c.hasTime,
      calendar: 'jalali',
      index: start,
      raw: text.slice(start, end),
    });
  }
  return found;
}

function toCandidate(match: RegExpMatchArray): Candidate | null {
  const g = match.groups!;
  const jy = Number(g['y']);
  const jm = g['mn'] !== undefined ? MONTH_NUMBERS.get(g['mn'])! : Number(g['m']);
  const jd = Number(g['d']);
  if (!isValidJalaaliDate(jy, jm, jd)) return null;

  const hour = Number(g['h']);
  const minute = Number(g['mi']);
  const second = g['s'] === undefined ? 0 : Number(g['s']);
  const hasTime = g['h'] !== undefined && hour <= 23 && minute <= 59 && second <= 59;
  const [from, to] = hasTime
    ? [match.index!, match.index! + match[0].length]
    : match.indices!.groups!['date']!;
  const date = hasTime ? jalaliToUtc(jy, jm, jd, hour, minute, second) : jalaliToUtc(jy, jm, jd);
  return { from, to, date, hasTime };
}
