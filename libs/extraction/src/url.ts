import { createHash } from 'node:crypto';

const TRACKING_PARAM = /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|yclid|mc_cid|mc_eid|_ga|igshid)$/i;

/** The URL without its fragment and tracking parameters, otherwise as the site wrote it. */
export function stripTracking(raw: string): string {
  const url = new URL(raw);
  const tracked = [...url.searchParams.keys()].some((name) => TRACKING_PARAM.test(name));
  // Nothing to strip: keep the site's own spelling (a Persian path stays readable, not percent-encoded).
  if (!tracked && url.hash === '' && !raw.includes('#')) return raw.trim();
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) {
    if (TRACKING_PARAM.test(name)) url.searchParams.delete(name);
  }
  return url.search === '' ? url.toString().replace(/\?$/, '') : url.toString();
}

/**
 * One spelling per article URL, so that the same page reached through a
 * campaign link, another host case or a default port gets the same id:
 * lower-case scheme and host, no default port, no fragment, no tracking
 * parameters, no trailing slash.
 */
export function canonicalizeUrl(raw: string): string {
  const url = new URL(stripTracking(raw));
  url.searchParams.sort();
  // Trim the path itself, not the string: slicing one character off the text
  // missed `/a/?id=1` and left `/a//` as `/a/`, which is not idempotent, and
  // articleIdFor canonicalises again, so the same page got two ids. An empty
  // path comes back as the root `/`.
  url.pathname = url.pathname.replace(/\/+$/, '');
  // URL already lower-cases scheme and host and drops default ports.
  let text = url.toString();
  if (url.search === '' && text.endsWith('?')) text = text.slice(0, -1);
  return text;
}

/** Stable article id: the first 128 bits of SHA-256 over the canonical URL, in hex. */
export function articleIdFor(canonicalUrl: string): string {
  return createHash('sha256').update(canonicalizeUrl(canonicalUrl)).digest('hex').slice(0, 32);
}

/** Resolves `href` against `base`; null when it is not an http(s) URL. */
export function absoluteHttpUrl(href: string | undefined | null, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    // An absolute link stays as the site spelled it (a Persian path readable, not percent-encoded).
    return /^https?:\/\//i.test(href.trim()) ? href.trim() : url.toString();
  } catch {
    return null;
  }
}
