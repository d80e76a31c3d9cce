import { parseFeed } from '@news/feeds';
import { decodeBody, FetchError, type FetchedResource, type FetchLimits } from '@news/http-fetch';
import type { ResourceFetcher } from '../politeness/polite-fetcher.js';
import { feedLinksIn, probeUrlsFor, type FeedCandidate } from './discovery.js';

/** The site could not be read at all (refused address, network, timeout): nothing to discover from. */
export class DiscoveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscoveryError';
  }
}

const PAGE_ACCEPT = 'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, */*;q=0.5';
const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5';
const HTML = /^(text\/html|application\/xhtml\+xml)\b/i;

/**
 * Finds the feeds of a site, the way Miniflux's subscription finder does:
 * the URL may be a feed itself; else the feeds its page announces with
 * `<link rel="alternate">` are the answer; else the common feed paths are
 * tried, keeping those that parse as feeds. Every request goes through the
 * guarded, polite HTTP client with its limits.
 */
export class FeedDiscovery {
  constructor(
    private readonly http: ResourceFetcher,
    private readonly limits: FetchLimits,
  ) {}

  async discover(siteUrl: string): Promise<FeedCandidate[]> {
    const page = await this.readSite(siteUrl);
    if (page) {
      const self = await asFeed(page, 'self');
      if (self) return [{ ...self, url: siteUrl }];
      if (HTML.test(page.contentType ?? '') || !page.contentType) {
        const links = feedLinksIn(decodeBody(page.body, page.contentType, 'html').text, page.finalUrl);
        if (links.length > 0) return links;
      }
    }
    return this.probe(page?.finalUrl ?? siteUrl);
  }

  /** The site's page; null when it answered with an HTTP error (its feed may still be at a common path). */
  private async readSite(siteUrl: string): Promise<FetchedResource | null> {
    try {
      return await this.http.fetch(siteUrl, this.limits, { accept: PAGE_ACCEPT });
    } catch (error) {
      if (error instanceof FetchError && error.kind === 'http-status') return null;
      throw new DiscoveryError(`could not read ${siteUrl}: ${(error as Error).message}`);
    }
  }

  /** One at a time: a site owes us no burst of requests for guesses. */
  private async probe(siteUrl: string): Promise<FeedCandidate[]> {
    const found: FeedCandidate[] = [];
    const seen = new Set<string>();
    for (const url of probeUrlsFor(siteUrl)) {
      let response: FetchedResource;
      try {
        response = await this.http.fetch(url, this.limits, { accept: FEED_ACCEPT });
      } catch {
        continue; // not there (404 and the like), or not answering: not a candidate
      }
      // /rss and /feed often redirect to one feed: list it once.
      if (seen.has(response.finalUrl)) continue;
      const feed = await asFeed(response, 'probe');
      if (!feed) continue;
      seen.add(response.finalUrl);
      found.push({ ...feed, url });
    }
    return found;
  }
}

/** The response as a feed candidate when its body parses as a feed. */
async function asFeed(response: FetchedResource, source: 'self' | 'probe'): Promise<FeedCandidate | null> {
  if (response.status !== 200 || HTML.test(response.contentType ?? '')) return null;
  try {
    const doc = await parseFeed(
      decodeBody(response.body, response.contentType, 'xml').text,
      response.finalUrl,
    );
    const type = response.contentType?.split(';')[0].trim().toLowerCase() || null;
    return { url: response.finalUrl, title: doc.title, type, source };
  } catch {
    return null;
  }
}
