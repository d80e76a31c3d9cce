import type { ArticleEvent } from '@news/contracts';
import { articleSearchText } from '../../apps/storage/src/articles/search-key.js';

/**
 * The columns ArticleRepository.upsertBatch writes, in its order, and the value each gets from an
 * article event. The repository keeps both private (its COLUMNS and toRow), so the benches that
 * write rows without it (the naive one-row-per-transaction writer, the COPY baseline) share this
 * one copy; storage.ts checks after every run that a row written here equals the row the
 * repository wrote for the same event, so the two cannot drift apart unnoticed.
 */
export const ARTICLE_COLUMNS = [
  'id',
  'url',
  'canonical_url',
  'source_id',
  'feed_url',
  'language',
  'kicker',
  'title',
  'lead',
  'body',
  'body_html',
  'author',
  'category',
  'tags',
  'images',
  'published_at',
  'published_at_jalali',
  'fetched_at',
  'parsed_at',
  'content_hash',
  'subtitle',
  'news_code',
  'attribution',
  'quality',
  'search_text',
] as const;

export type ArticleColumn = (typeof ARTICLE_COLUMNS)[number];

/** Column values in ARTICLE_COLUMNS order; jsonb columns as JSON text, timestamps as ISO strings. */
export function articleRowValues(a: ArticleEvent): (string | null)[] {
  return [
    a.id,
    a.url,
    a.canonicalUrl,
    a.source.id,
    a.feedUrl,
    a.language,
    a.kicker,
    a.title,
    a.lead,
    a.body,
    a.bodyHtml,
    a.author,
    a.category,
    JSON.stringify(a.tags),
    JSON.stringify(a.images),
    a.publishedAt,
    a.publishedAtJalali,
    a.fetchedAt,
    a.parsedAt,
    a.contentHash,
    a.subtitle ?? null,
    a.newsCode ?? null,
    a.attribution ?? null,
    a.quality ? JSON.stringify(a.quality) : null,
    articleSearchText(a),
  ];
}
