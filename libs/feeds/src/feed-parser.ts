import Parser from 'rss-parser';
import { absoluteHttpUrl } from '@news/extraction';
import { looksLikeJson, parseJsonFeed } from './json-feed.js';
import { FeedParseError, isoDate, itemIdentity, type NormalizedFeed, type NormalizedItem } from './model.js';
import { repairXml, trimProlog } from './xml-repair.js';

export * from './model.js';

const parser = new Parser();

/**
 * RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom through rss-parser, and JSON Feed,
 * adapted into one model. Item links are resolved against the feed's own
 * link. A feed the strict XML parser refuses is parsed once more after
 * repairing the usual mistakes (stray `&`, HTML entities, control
 * characters); when that fails too, the original error is reported.
 */
export async function parseFeed(text: string, feedUrl: string): Promise<NormalizedFeed> {
  const body = trimProlog(text);
  if (looksLikeJson(body)) return parseJsonFeed(body, feedUrl);
  if (!body.startsWith('<'))
    throw new FeedParseError('not an XML feed: the document does not start with a tag');
  if (/^<!doctype html|^<html[\s>]/i.test(body)) throw new FeedParseError('not a feed: the document is HTML');
  let feed: Parser.Output<Record<string, unknown>>;
  try {
    feed = await parser.parseString(body);
  } catch (strictError) {
    const repaired = repairXml(body);
    if (repaired === body) throw malformed(strictError);
    try {
      feed = await parser.parseString(repaired);
    } catch {
      throw malformed(strictError);
    }
  }
  const base = absoluteHttpUrl(feed.link, feedUrl) ?? feedUrl;
  return {
    title: feed.title?.trim() || null,
    link: feed.link ?? null,
    ttlMinutes: ttlMinutes((feed as { ttl?: unknown }).ttl),
    items: feed.items.map((item) => normalizeItem(item, base)),
  };
}

function malformed(error: unknown): FeedParseError {
  return new FeedParseError(`malformed feed XML: ${(error as Error).message.split('\n')[0]}`);
}

/** RSS `<ttl>` is whole minutes; anything else is ignored rather than guessed at. */
function ttlMinutes(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\s*\d{1,6}\s*$/.test(value)) return null;
  const minutes = Number(value);
  return minutes > 0 ? minutes : null;
}

function normalizeItem(item: Parser.Item & Record<string, unknown>, base: string): NormalizedItem {
  const link = absoluteHttpUrl(item.link, base);
  const publishedAt = isoDate(item.isoDate);
  // RSS calls it guid; rss-parser hands Atom's <id> over as `id`.
  const rawGuid = item.guid ?? item.id;
  const guid = typeof rawGuid === 'string' && rawGuid.trim() ? rawGuid.trim() : null;
  const title = item.title?.trim() || null;
  return {
    id: itemIdentity(guid, link, title, publishedAt),
    title,
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
