// Gregorian timestamps from meta tags, JSON-LD, feeds and <time datetime>.
// Iranian sites often omit the offset while meaning Tehran time, so a missing
// offset is read in `defaultZone` rather than UTC.

import { DateTime, Info } from 'luxon';
import { toAsciiDigits } from './digits.js';
import { TEHRAN_ZONE } from './jalali.js';

// Obsolete zone abbreviations luxon's RFC 2822 parser does not know.
const IRAN_ZONE_NAMES: Readonly<Record<string, string>> = { IRST: '+0330', IRDT: '+0430' };
const IRAN_ZONE_NAME = /\b(IRST|IRDT)\s*$/i;
// "+03:30" at the end of an RFC 2822 date is common in feeds but not valid RFC 2822.
const COLON_OFFSET = /([+-]\d{2}):(\d{2})\s*$/;
const RFC_ZONE = /(?:[+-]\d{4}|\b(?:UT|GMT|Z|[ECMP][SD]T|[A-IK-Z]))\s*$/i;

/**
 * ISO 8601 (`2025-09-22T17:00:00Z`, `2025-09-22T20:30`, `2025-09-22`, also with a space instead of
 * `T`) and RFC 2822 / HTTP dates (`Mon, 22 Sep 2025 17:00:00 +0000`), with or without offset; no
 * offset → wall time in `defaultZone`. The whole (trimmed) string must be the date. Returns null
 * when it is not one — including years 1300–1499, which on Iranian sites are Jalali dates in a
 * Gregorian-looking field (use findJalaliDates for those). Throws RangeError for an unknown zone.
 */
export function parseGregorian(text: string, defaultZone: string = TEHRAN_ZONE): Date | null {
  assertKnownZone(defaultZone);
  const s = toAsciiDigits(text).trim();
  if (s === '') return null;
  const parsed = parseIso(s, defaultZone) ?? parseRfc(s, defaultZone);
  if (!parsed || (parsed.year >= 1300 && parsed.year <= 1499)) return null;
  return parsed.toJSDate();
}

/** Zones already checked: luxon builds an Intl.DateTimeFormat per check, too slow for every date on every page. */
const knownZones = new Set<string>();

function assertKnownZone(zone: string): void {
  if (knownZones.has(zone)) return;
  if (!Info.isValidIANAZone(zone) && zone.toUpperCase() !== 'UTC')
    throw new RangeError(`Unknown time zone ${zone}`);
  knownZones.add(zone);
}

function parseIso(s: string, zone: string): DateTime | null {
  // luxon also accepts a bare time ("20:30" → today), which is not a date.
  if (!/^\d{4}-/.test(s)) return null;
  const iso = DateTime.fromISO(s, { zone });
  if (iso.isValid) return iso;
  const sql = DateTime.fromSQL(s, { zone }); // "2025-09-22 17:00:00[ +03:30]"
  return sql.isValid ? sql : null;
}

function parseRfc(s: string, zone: string): DateTime | null {
  let t = s.replace(IRAN_ZONE_NAME, (name) => IRAN_ZONE_NAMES[name.toUpperCase()] ?? name);
  t = t.replace(COLON_OFFSET, '$1$2');
  if (RFC_ZONE.test(t)) {
    const rfc = DateTime.fromRFC2822(t);
    if (rfc.isValid) return rfc;
  } else {
    // No zone: parse as if UTC, then keep the wall time and move it into the default zone.
    const rfc = DateTime.fromRFC2822(`${t} +0000`, { zone: 'UTC' });
    if (rfc.isValid) return rfc.setZone(zone, { keepLocalTime: true });
  }
  const http = DateTime.fromHTTP(s);
  return http.isValid ? http : null;
}
