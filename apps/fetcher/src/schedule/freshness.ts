/**
 * What a response says about when to come back: Retry-After on 429/503,
 * and freshness (Cache-Control max-age, Expires) or the RSS <ttl> on a feed.
 * Each returns seconds from `now`, or null when the response says nothing usable.
 */

/** `Retry-After`: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function retryAfterSeconds(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // An HTTP-date names its day and month; Date.parse alone would take "-5" for a year.
  const at = /[a-z]{3}/i.test(trimmed) ? Date.parse(trimmed) : NaN;
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/**
 * Freshness lifetime left (RFC 9111 §4.2): `max-age` minus `Age`, else
 * `Expires` minus `Date` (or now). `no-cache`/`no-store` mean no promise. An
 * unreadable `Expires` counts as already expired, as the RFC says.
 */
export function freshnessSeconds(headers: Record<string, string>, now: Date): number | null {
  const cacheControl = (headers['cache-control'] ?? '').toLowerCase();
  if (/(^|,)\s*(no-cache|no-store)\b/.test(cacheControl)) return null;
  const maxAge = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/.exec(cacheControl);
  if (maxAge) {
    const age = /^\d+$/.test(headers.age?.trim() ?? '') ? Number(headers.age) : 0;
    return Math.max(0, Number(maxAge[1]) - age);
  }
  if (headers.expires === undefined) return null;
  const expires = Date.parse(headers.expires);
  if (Number.isNaN(expires)) return 0;
  const date = Date.parse(headers.date ?? '');
  const from = Number.isNaN(date) ? now.getTime() : date;
  return Math.max(0, Math.floor((expires - from) / 1000));
}

/** The longest of HTTP freshness and RSS ttl: the publisher asked not to be polled sooner. */
export function cacheHintSeconds(
  headers: Record<string, string>,
  ttlMinutes: number | null,
  now: Date,
): number | null {
  const hints = [freshnessSeconds(headers, now), ttlMinutes === null ? null : ttlMinutes * 60].filter(
    (h): h is number => h !== null,
  );
  return hints.length > 0 ? Math.max(...hints) : null;
}
