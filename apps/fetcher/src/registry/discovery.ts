import { load } from 'cheerio';

/** Where a candidate came from: the URL itself, a `<link rel="alternate">`, or a common path that answered. */
export type CandidateSource = 'self' | 'link' | 'probe';

export interface FeedCandidate {
  url: string;
  title: string | null;
  /** The MIME type the page announced, or the format found when probing. */
  type: string | null;
  source: CandidateSource;
}

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/json', // the JSON Feed 1.0 spec's own example
]);

/**
 * Paths sites commonly serve their feed at, tried (relative to the site's
 * root) when the page announces none, as Miniflux's subscription finder does.
 */
export const PROBE_PATHS = ['/rss', '/feed', '/feeds/', '/rss.xml', '/atom.xml', '/feed.xml'] as const;

/**
 * The feeds an HTML page announces: `<link rel="alternate">` with a feed
 * type, in document order, resolved against the page's `<base href>` or URL,
 * http(s) only, each once.
 */
export function feedLinksIn(html: string, pageUrl: string): FeedCandidate[] {
  const $ = load(html);
  const baseHref = $('base[href]').first().attr('href');
  const base = baseHref && URL.canParse(baseHref, pageUrl) ? new URL(baseHref, pageUrl).toString() : pageUrl;
  const found: FeedCandidate[] = [];
  const seen = new Set<string>();
  $('link[href]').each((_, element) => {
    const link = $(element);
    const rel = (link.attr('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (link.attr('type') ?? '').toLowerCase().split(';')[0].trim();
    if (!rel.includes('alternate') || !FEED_TYPES.has(type)) return;
    const href = (link.attr('href') ?? '').trim();
    if (!href || !URL.canParse(href, base)) return;
    const url = new URL(href, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
    const text = url.toString();
    if (seen.has(text)) return;
    seen.add(text);
    found.push({ url: text, title: link.attr('title')?.trim() || null, type, source: 'link' });
  });
  return found;
}

/** The URLs to probe for a site: the common paths at the root of the page's origin. */
export function probeUrlsFor(pageUrl: string): string[] {
  return PROBE_PATHS.map((path) => new URL(path, pageUrl).toString());
}
