import { createHash } from 'node:crypto';
import { canonicalizeUrl } from '@news/extraction';

export interface NormalizedItem {
  /** guid, else the canonical link, else a hash of title and date. */
  id: string;
  title: string | null;
  link: string | null;
  summary: string | null;
  author: string | null;
  categories: string[];
  publishedAt: string | null;
  enclosures: { url: string; type: string | null }[];
}

export interface NormalizedFeed {
  title: string | null;
  link: string | null;
  /** RSS `<ttl>`: minutes the publisher says the feed may be cached; null when absent or not a number. */
  ttlMinutes: number | null;
  items: NormalizedItem[];
}

/** A feed document we cannot read; the message says what was wrong. */
export class FeedParseError extends Error {
  override name = 'FeedParseError';
}

/** The item's identity, the same rule for every format: guid, else canonical link, else title and date. */
export function itemIdentity(
  guid: string | null,
  link: string | null,
  title: string | null,
  publishedAt: string | null,
): string {
  if (guid) return guid;
  if (link) return canonicalizeUrl(link);
  return createHash('sha256')
    .update(`${title ?? ''}|${publishedAt ?? ''}`)
    .digest('hex');
}

/** A date as ISO 8601 UTC, or null when it is missing or unreadable. */
export function isoDate(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
