import { createHash } from 'node:crypto';
import Parser from 'rss-parser';
import { canonicalizeUrl, absoluteHttpUrl } from '@news/extraction';

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
  items: NormalizedItem[];
}

/** A feed document we cannot read; the message says what was wrong. */
export class FeedParseError extends Error {
  override name = 'FeedParseError';
}

const parser = new Parser();

/** Strips what real sites put before the XML: BOMs and whitespace. */
function trimProlog(text: string): string {
  return text.replace(/^[\uFEFF\s]+/, '');
}

/**
 * RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom through rss-parser, adapted into one
 * model. Item links are resolved against the feed's own link.
 */
export async function parseFeed(text: string, feedUrl: string): Promise<NormalizedFeed> {
  const body = trimProlog(text);
  if (!body.startsWith('<'))
    throw new FeedParseError('not an XML feed: the document does not start with a tag');
  if (/^<!doctype html|^<html[\s>]/i.test(body)) throw new FeedParseError('not a feed: the document is HTML');
  let feed: Parser.Output<Record<string, unknown>>;
  try {
    feed = await parser.parseString(body);
  } catch (error) {
    throw new FeedParseError(`malformed feed XML: ${(error as Error).message.split('\n')[0]}`);
  }
  const base = absoluteHttpUrl(feed.link, feedUrl) ?? feedUrl;
  return {
    title: feed.title?.trim() || null,
    link: feed.link ?? null,
    items: feed.items.map((item) => normalizeItem(item, base)),
  };
}

function normalizeItem(item: Parser.Item & Record<string, unknown>, base: string): NormalizedItem {
  const link = absoluteHttpUrl(item.link, base);
  const publishedAt =
    item.isoDate && !Number.isNaN(Date.parse(item.isoDate)) ? new Date(item.isoDate).toISOString() : null;
  // RSS calls it guid; rss-parser hands Atom's <id> over as `id`.
  const rawGuid = item.guid ?? item.id;
  const guid = typeof rawGuid === 'string' && rawGuid.trim() ? rawGuid.trim() : null;
  const id =
    guid ??
    (link
      ? canonicalizeUrl(link)
      : createHash('sha256')
          .update(`${item.title ?? ''}|${publishedAt ?? ''}`)
          .digest('hex'));
  return {
    id,
    title: item.title?.trim() || null,
    link,
    summary: item.contentSnippet?.trim() || null,
    author: (item.creator ?? (item as { author?: string }).author)?.trim() || null,
    categories: (item.categories ?? [])
      .map((c) => (typeof c === 'string' ? c : String((c as { _?: string })._ ?? '')))
      .filter(Boolean),
    publishedAt,
    enclosures: item.enclosure?.url ? [{ url: item.enclosure.url, type: item.enclosure.type ?? null }] : [],
  };
}
