import { findJalaliDates, parseGregorian } from '@news/persian';

/** A publication date more than a day after the fetch is a parsing mistake, not news from the future. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

function plausible(date: Date | null, fetchedAt: Date): Date | null {
  if (!date || Number.isNaN(date.getTime())) return null;
  return date.getTime() <= fetchedAt.getTime() + FUTURE_TOLERANCE_MS ? date : null;
}

/** A date written as text: Jalali in any of its forms first, then Gregorian ISO/RFC. */
export function parseDateText(text: string | null, fetchedAt: Date): Date | null {
  if (!text) return null;
  const jalali = findJalaliDates(text)[0];
  return plausible(jalali?.date ?? parseGregorian(text), fetchedAt);
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
): Date | null {
  const titleAt = Math.max(0, pageText.indexOf(title));
  let best: { date: Date; distance: number } | null = null;
  for (const found of findJalaliDates(pageText)) {
    const distance = Math.abs(found.index - titleAt);
    if (distance > window || !plausible(found.date, fetchedAt)) continue;
    if (!best || distance < best.distance) best = { date: found.date, distance };
  }
  return best?.date ?? null;
}
