/** How often feeds are polled; every value in seconds. */
export interface ScheduleSettings {
  /** FETCH_INTERVAL_SECONDS: the interval of a feed we know nothing about yet. */
  defaultSeconds: number;
  /** Never poll a healthy feed more often than this. */
  minSeconds: number;
  /** Never wait longer than this, whatever the feed or the server says, failures included. */
  maxSeconds: number;
  /** Consecutive failures after which a feed is reported unhealthy (it is still polled). */
  unhealthyAfter: number;
  /** Fraction of random spread, so feeds added together do not stay in lock-step. */
  jitter: number;
}

const DAY_SECONDS = 86_400;

/**
 * Bounds from the configuration. An interval below the floor lowers the
 * floor (local feeds and tests poll every few seconds on purpose), one above
 * the ceiling raises it: the operator's explicit interval always fits.
 */
export function scheduleSettings(
  intervalSeconds: number,
  minSeconds: number,
  maxSeconds: number,
  unhealthyAfter = 10,
): ScheduleSettings {
  return {
    defaultSeconds: intervalSeconds,
    minSeconds: Math.min(minSeconds, intervalSeconds),
    maxSeconds: Math.max(maxSeconds, intervalSeconds),
    unhealthyAfter,
    jitter: 0.1,
  };
}

/**
 * The interval of a healthy feed: about one new item per poll, as Miniflux
 * does, within the bounds. Unknown frequency: the default; a feed with no
 * recent items: the ceiling.
 */
export function normalInterval(itemsPerDay: number | null, s: ScheduleSettings): number {
  if (itemsPerDay === null) return s.defaultSeconds;
  if (itemsPerDay <= 0) return s.maxSeconds;
  return Math.min(s.maxSeconds, Math.max(s.minSeconds, Math.round(DAY_SECONDS / itemsPerDay)));
}

/** Exponential backoff from the feed's normal interval: ×1, ×2, ×4, … up to the ceiling. */
export function backoffInterval(normalSeconds: number, failures: number, s: ScheduleSettings): number {
  return Math.min(s.maxSeconds, normalSeconds * 2 ** Math.max(0, failures - 1));
}

/** `seconds` spread by ±jitter; `random` is in [0, 1) like Math.random. */
export function withJitter(seconds: number, s: ScheduleSettings, random: () => number): number {
  return seconds * (1 + s.jitter * (2 * random() - 1));
}

/**
 * When to poll next. `hintSeconds` is what the server asked for
 * (Retry-After, max-age, Expires, RSS ttl): we never come back earlier,
 * but never later than the ceiling either.
 */
export function nextPollAt(
  now: Date,
  intervalSeconds: number,
  hintSeconds: number | null,
  s: ScheduleSettings,
  random: () => number,
): Date {
  const hint = Math.min(hintSeconds ?? 0, s.maxSeconds);
  const seconds = Math.max(withJitter(intervalSeconds, s, random), hint);
  return new Date(now.getTime() + Math.round(seconds * 1000));
}
