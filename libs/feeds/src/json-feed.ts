import { absoluteHttpUrl } from '@news/extraction';
import { z } from 'zod';
import { FeedParseError, isoDate, itemIdentity, type NormalizedFeed, type NormalizedItem } from './model.js';

// Loose on purpose: a field of the wrong type is dropped, not a reason to
// lose the whole feed. Only `version` and `items` are required.
const text = z.string().optional().catch(undefined);
const Author = z.object({ name: text }).catch({ name: undefined });

const JsonFeedItem = z.object({
  id: z.union([z.string(), z.number()]).optional().catch(undefined),
  url: text,
  external_url: text,
  title: text,
  summary: text,
  content_text: text,
  date_published: text,
  date_modified: text,
  author: Author.optional(),
  authors: z.array(Author).optional().catch(undefined),
  tags: z.array(z.unknown()).optional().catch(undefined),
  attachments: z.array(z.unknown()).optional().catch(undefined),
});
type JsonFeedItem = z.infer<typeof JsonFeedItem>;

const JsonFeedDocument = z.object({
  version: z.string().regex(/^https:\/\/jsonfeed\.org\/version\/1(\.\d+)?$/, 'not a JSON Feed version'),
  title: text,
  home_page_url: text,
  feed_url: text,
  items: z.array(z.unknown(), 'items missing'),
});

/** True when a document looks like JSON rather than XML. */
export function looksLikeJson(body: string): boolean {
  return body.startsWith('{');
}

/**
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) into the same
 * model as RSS and Atom. Items that are not objects are skipped.
 */
export function parseJsonFeed(body: string, feedUrl: string): NormalizedFeed {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new FeedParseError(`malformed JSON Feed: ${(error as Error).message}`);
  }
  const doc = JsonFeedDocument.safeParse(json);
  if (!doc.success) {
    const issue = doc.error.issues[0];
    const field = issue.path.join('.') || 'document';
    throw new FeedParseError(`not a JSON Feed: ${field}: ${issue.message}`);
  }
  const home = absoluteHttpUrl(doc.data.home_page_url, feedUrl);
  const base = home ?? feedUrl;
  const items: NormalizedItem[] = [];
  for (const raw of doc.data.items) {
    const item = JsonFeedItem.safeParse(raw);
    if (item.success) items.push(normalizeItem(item.data, base));
  }
  return { title: doc.data.title?.trim() || null, link: home, ttlMinutes: null, items };
}

function normalizeItem(item: JsonFeedItem, base: string): NormalizedItem {
  const link = absoluteHttpUrl(item.url ?? item.external_url, base);
  const publishedAt = isoDate(item.date_published) ?? isoDate(item.date_modified);
  const title = item.title?.trim() || null;
  const rawId = item.id === undefined ? '' : String(item.id).trim();
  // 1.1 has `authors`; 1.0 had a single `author`.
  const author = [...(item.authors ?? []), ...(item.author ? [item.author] : [])]
    .map((a) => a.name?.trim())
    .find(Boolean);
  return {
    id: itemIdentity(rawId || null, link, title, publishedAt),
    title,
    link,
    summary: (item.summary ?? item.content_text)?.trim() || null,
    author: author ?? null,
    categories: (item.tags ?? []).filter((t): t is string => typeof t === 'string' && t.trim() !== ''),
    publishedAt,
    enclosures: (item.attachments ?? []).flatMap((a) =>
      isAttachment(a) ? [{ url: a.url, type: a.mime_type ?? null }] : [],
    ),
  };
}

function isAttachment(value: unknown): value is { url: string; mime_type?: string } {
  return typeof value === 'object' && value !== null && typeof (value as { url?: unknown }).url === 'string';
}
