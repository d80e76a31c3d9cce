// Pure formatting for the dashboard: Persian digits and words, Tehran time. No DOM here, so
// that the unit tests run it in Node.

const numbers = new Intl.NumberFormat('fa-IR');
const oneDecimal = new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 1 });
const relative = new Intl.RelativeTimeFormat('fa', { numeric: 'auto' });
const clock = new Intl.DateTimeFormat('fa-IR', {
  timeZone: 'Asia/Tehran',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dateTime = new Intl.DateTimeFormat('fa-IR', {
  timeZone: 'Asia/Tehran',
  dateStyle: 'medium',
  timeStyle: 'short',
  hourCycle: 'h23',
});

export const EMPTY = '—';

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? EMPTY : numbers.format(n);
}

/** A latency: milliseconds under a second, then seconds, minutes, hours. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return EMPTY;
  if (ms < 1_000) return `${numbers.format(Math.round(ms))} میلی‌ثانیه`;
  if (ms < 60_000) return `${oneDecimal.format(ms / 1_000)} ثانیه`;
  if (ms < 3_600_000) return `${oneDecimal.format(ms / 60_000)} دقیقه`;
  return `${oneDecimal.format(ms / 3_600_000)} ساعت`;
}

/** "۳ دقیقه پیش", in the largest unit that keeps the number at least 1. */
export function formatRelative(iso: string | null | undefined, now: Date): string {
  if (!iso) return EMPTY;
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1000);
  if (!Number.isFinite(seconds)) return EMPTY;
  const abs = Math.abs(seconds);
  if (abs < 60) return relative.format(seconds, 'second');
  if (abs < 3_600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3_600), 'hour');
  return relative.format(Math.round(seconds / 86_400), 'day');
}

/** Hour and minute in Tehran. */
export function formatClock(iso: string | Date): string {
  return clock.format(typeof iso === 'string' ? new Date(iso) : iso);
}

/** Jalali date and time in Tehran (fa-IR's calendar is the Persian one). */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : EMPTY;
}

/** The URL when it is http(s), else null: a link from article data never runs script. */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A feed URL as people read it: host and path, no scheme. */
export function feedLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

/**
 * A first check of what the API's search accepts (see list-query.ts): two letters or digits at
 * least, 200 characters at most. The API refuses the rest (more than 8 comma-separated phrases,
 * say) with a message the page shows.
 */
export function searchableQuery(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length > 200) return null;
  const significant = trimmed.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  return significant >= 2 ? trimmed : null;
}
