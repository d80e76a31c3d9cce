import { canonicalizeUrl } from '@news/extraction';
import { createHash } from 'node:crypto';

/**
 * A feed's stable id: the first 128 bits of SHA-256 over its canonical URL,
 * in hex — the same `feedId` its feed-status events carry, so the registry
 * and storage's feed health name a feed alike. A short hash rather than the
 * URL-encoded URL in paths: feed URLs carry `/`, `?` and `%`, which proxies
 * and routers decode or reject, and they can be long.
 */
export function feedIdFor(url: string): string {
  let key = url;
  try {
    key = canonicalizeUrl(url);
  } catch {
    // Not a URL: polling it will fail and say so; it still needs an id.
  }
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
