import { findJalaliDates, parseGregorian, parseRelativePersian, TEHRAN_ZONE } from '@news/persian';
import { DateTime } from 'luxon';

/** A publication date more than a day after the fetch is a parsing mistake, not news from the future. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

function plausible(date: Date | null, fetchedAt: Date): Date | null {
  if (!date || Number.isNaN(date.getTime())) return null;
  return date.getTime() <= fetchedAt.getTime() + FUTURE_TOLERANCE_MS ? date : null;
}

/** A publication date and whether the page gave its time of day. */
export interface PageDate {
  date: Date;
  hasTime: boolean;
}

/** The common machine-written form, `2025-09-22T14:30:00+03:30` or `…Z`: an instant as it stands. */
const ISO_WITH_OFFSET =
  /^((?:19|20)\d{2})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * That form read by the engine's own parser rather than through luxon's zone
 * machinery (a tenth of the extractor's time went to dates). The engine
 * rolls `02-31` over into March, so the calendar is checked here first.
 */
function isoWithOffset(text: string): Date | null {
  const m = ISO_WITH_OFFSET.exec(text);
  if (!m) return null;
  const [year, month, day] = [m[1], m[2], m[3]].map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A date written as text: Jalali in any of its forms first, then Gregorian ISO/RFC, then `۲ ساعت پیش`.
 * A Gregorian time without an offset is the site's local time, in `zone` (Tehran unless given).
 */
export function parseDateText(
  text: string | null | undefined,
  fetchedAt: Date,
  zone: string = TEHRAN_ZONE,
): PageDate | null {
  if (!text) return null;
  // A Gregorian year (19xx, 20xx) with an offset is never a Jalali date: no need to look for one.
  const instant = isoWithOffset(text.trim());
  if (instant) return withPlausible(instant, true, fetchedAt);
  const jalali = findJalaliDates(text)[0];
  if (jalali) return withPlausible(jalali.date, jalali.hasTime, fetchedAt);
  const gregorian = parseGregorian(text.trim(), zone);
  if (gregorian) return withPlausible(gregorian, !/^\d{4}-\d{2}-\d{2}$/.test(text.trim()), fetchedAt);
  const relative = parseRelativePersian(text, fetchedAt);
  return relative ? withPlausible(relative, true, fetchedAt) : null;
}

function withPlausible(date: Date, hasTime: boolean, fetchedAt: Date): PageDate | null {
  const checked = plausible(date, fetchedAt);
  return checked ? { date: checked, hasTime } : null;
}

/**
 * The first date found, unless it lacks a time of day and a later source
 * gives the same Tehran calendar day with its time: `datePublished:
 * "2025-10-04"` and a byline `۱۲ مهر ۱۴۰۴ - ۰۹:۴۵` mean 09:45, not midnight.
 */
export function mostPrecise(dates: readonly (PageDate | null)[]): PageDate | null {
  const found = dates.filter((d): d is PageDate => d !== null);
  const first = found[0];
  if (!first || first.hasTime) return first ?? null;
  const day = (d: Date) => DateTime.fromJSDate(d, { zone: TEHRAN_ZONE }).toISODate();
  return found.find((d) => d.hasTime && day(d.date) === day(first.date)) ?? first;
}

/**
 * The article's own date among all the dates a page shows: the one nearest
 * to the title in reading order. Sidebars, "most viewed" boxes and comments
 * carry dates too, but they sit further from the headline.
 */
export function dateNearestTitle(
  pageText: string,
  title: string,
  fetchedAt: Date,
  window = 1500,
): PageDate | null {
  const titleAt = Math.max(0, pageText.indexOf(title));
  let best: { date: PageDate; distance: number } | null = null;
  for (const found of findJalaliDates(pageText)) {
    const distance = Math.abs(found.index - titleAt);
    if (distance > window || !plausible(found.date, fetchedAt)) continue;
    if (!best || distance < best.distance)
      best = { date: { date: found.date, hasTime: found.hasTime }, distance };
  }
  return best?.date ?? null;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
/** Offsets of the zone abbreviations English-language sites print after a time, in hours. */
const ZONE_OFFSETS: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  EDT: -4,
  EST: -5,
  CDT: -5,
  CST: -6,
  MDT: -6,
  MST: -7,
  PDT: -7,
  PST: -8,
};
const WRITTEN_ENGLISH_DATE = new RegExp(
  `\\b(${MONTHS.join('|')})\\s+(\\d{1,2}),\\s*(\\d{4}),?\\s+(\\d{1,2}):(\\d{2})\\s*([AP]M)\\s+(${Object.keys(ZONE_OFFSETS).join('|')})\\b`,
  'i',
);

/**
 * A date shown only as English text ("September 15, 2025 4:12 PM EDT"). Taken only with a
 * printed zone: without one the site's zone is a guess, and a wrong guess shifts the time.
 */
export function writtenEnglishDate(pageText: string, fetchedAt: Date): PageDate | null {
  const m = WRITTEN_ENGLISH_DATE.exec(pageText);
  if (!m) return null;
  const hour = (Number(m[4]) % 12) + (m[6].toUpperCase() === 'PM' ? 12 : 0);
  const offset = ZONE_OFFSETS[m[7].toUpperCase()] ?? 0;
  const utc = Date.UTC(
    Number(m[3]),
    MONTHS.indexOf(m[1].toLowerCase()),
    Number(m[2]),
    hour - offset,
    Number(m[5]),
  );
  return withPlausible(new Date(utc), true, fetchedAt);
}
