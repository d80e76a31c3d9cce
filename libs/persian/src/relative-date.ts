// Relative Persian timestamps ("۲ ساعت پیش", "دیروز") as shown by listing pages
// and some article headers. Meant for the text of a date element, not an
// article body: "امروز" in a sentence would match too.

import { DateTime, type DurationLikeObject } from 'luxon';
import { TEHRAN_ZONE } from './jalali.js';
import { toScanText } from './scan-text.js';

type Unit = 'seconds' | 'minutes' | 'hours' | 'days' | 'weeks' | 'months' | 'years';

const UNITS = new Map<string, Unit>([
  ['ثانیه', 'seconds'],
  ['دقیقه', 'minutes'],
  ['ساعت', 'hours'],
  ['روز', 'days'],
  ['هفته', 'weeks'],
  ['ماه', 'months'],
  ['سال', 'years'],
]);
const NUMBER_WORDS = new Map<string, number>([
  ['یک', 1],
  ['دو', 2],
  ['سه', 3],
  ['چهار', 4],
  ['پنج', 5],
  ['شش', 6],
  ['هفت', 7],
  ['هشت', 8],
  ['نه', 9],
  ['ده', 10],
  ['نیم', 0.5],
]);
/** Used only for fractional counts (نیم ساعت, یک روز و نیم); whole counts use Tehran calendar math. */
const APPROX_MS: Record<Unit, number> = {
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 7 * 86_400_000,
  months: 30 * 86_400_000,
  years: 365 * 86_400_000,
};
const DAY_OFFSETS = new Map<string, number>([
  ['امروز', 0],
  ['دیروز', 1],
  ['پریروز', 2],
]);

const NOT_LETTER_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_LETTER_AFTER = '(?![\\p{L}])';
const AGO = '(?:پیش|قبل)';
// One "<count> <unit>" part, optionally "… و نیم" (and a half); up to four parts joined by و:
// "۲ ساعت و ۱۵ دقیقه پیش", "یک ساعت و نیم پیش". The repetition is bounded, so backtracking is too.
const COUNT = `\\d{1,4}|${[...NUMBER_WORDS.keys()].join('|')}`;
const UNIT = [...UNITS.keys()].join('|');
const PART = `(?<n>${COUNT}) ?(?<unit>${UNIT})(?<half> ?و ?نیم)?`;
const PLAIN_PART = `(?:${COUNT}) ?(?:${UNIT})(?: ?و ?نیم)?`;
const COUNT_AGO = new RegExp(
  `${NOT_LETTER_BEFORE}(?<parts>${PLAIN_PART}(?: ?و ?${PLAIN_PART}){0,3}) ?${AGO}${NOT_LETTER_AFTER}`,
  'u',
);
const PARTS = new RegExp(PART, 'gu');
// "a few moments/minutes ago", "right now": the best estimate is the reference instant itself.
const JUST_NOW = new RegExp(
  `${NOT_LETTER_BEFORE}(?:(?:لحظاتی|دقایقی|چند لحظه) ?${AGO}|(?:همین )?(?:الان|اکنون))${NOT_LETTER_AFTER}`,
  'u',
);
const DAY_WORD = new RegExp(
  `${NOT_LETTER_BEFORE}(?<day>امروز|دیروز|پریروز)${NOT_LETTER_AFTER}(?: ?[،,-]? ?(?:ساعت ?:? ?)?(?<h>\\d{1,2}):(?<mi>\\d{2})(?!\\d))?`,
  'u',
);

/**
 * Relative Persian forms against a reference instant: `۲ ساعت پیش`, `۱۵ دقیقه پیش`, `دیروز`,
 * `۳ روز پیش`, `لحظاتی پیش` (also قبل for پیش, number words یک…ده and نیم, هفته/ماه/سال, compound
 * `۲ ساعت و ۱۵ دقیقه پیش` / `یک ساعت و نیم پیش`, امروز/پریروز, and `دیروز ساعت ۱۰:۳۰`). Day-based units move the Tehran calendar date and keep the wall
 * time. The first such expression in `text` wins; null when there is none.
 */
export function parseRelativePersian(text: string, now: Date): Date | null {
  if (Number.isNaN(now.getTime())) throw new RangeError('Invalid reference date');
  const scan = toScanText(text).text;
  const hits: { index: number; resolve: () => Date | null }[] = [];

  const count = COUNT_AGO.exec(scan);
  if (count) hits.push({ index: count.index, resolve: () => ago(count.groups!['parts']!, now) });
  const justNow = JUST_NOW.exec(scan);
  if (justNow) hits.push({ index: justNow.index, resolve: () => new Date(now.getTime()) });
  const day = DAY_WORD.exec(scan);
  if (day) hits.push({ index: day.index, resolve: () => onDay(day.groups!, now) });

  hits.sort((a, b) => a.index - b.index);
  return hits[0]?.resolve() ?? null;
}

function ago(parts: string, now: Date): Date {
  let t = DateTime.fromJSDate(now, { zone: TEHRAN_ZONE });
  for (const part of parts.matchAll(PARTS)) {
    const g = part.groups!;
    const unit = UNITS.get(g['unit']!)!;
    const n = (NUMBER_WORDS.get(g['n']!) ?? Number(g['n'])) + (g['half'] ? 0.5 : 0);
    // Whole counts use Tehran calendar math (a day keeps the wall time across DST);
    // fractions only make sense as a fixed length.
    const step: DurationLikeObject = Number.isInteger(n)
      ? { [unit]: n }
      : { milliseconds: n * APPROX_MS[unit] };
    t = t.minus(step);
  }
  return t.toJSDate();
}

function onDay(groups: Record<string, string | undefined>, now: Date): Date | null {
  const back = DAY_OFFSETS.get(groups['day']!)!;
  let day = DateTime.fromJSDate(now, { zone: TEHRAN_ZONE }).minus({ days: back });
  if (groups['h'] !== undefined) {
    const hour = Number(groups['h']);
    const minute = Number(groups['mi']);
    if (hour > 23 || minute > 59) return null;
    day = day.set({ hour, minute, second: 0, millisecond: 0 });
  }
  return day.toJSDate();
}
