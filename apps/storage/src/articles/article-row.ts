import type { ArticleEvent } from '@news/contracts';
import { articleSearchKey } from './search-key.js';

/**
 * The columns of an `articles` row that come straight from the article event, in the order every
 * writer lists them. Each store adds the search key, `search_compact` (articleSearchKey).
 */
export const ARTICLE_EVENT_COLUMNS = [
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
] as const;

/** The columns PostgreSQL's upsert writes, in its order (the benches' writers and COPY use them too). */
export const ARTICLE_COLUMNS = [...ARTICLE_EVENT_COLUMNS, 'search_compact'] as const;

export type ArticleEventColumn = (typeof ARTICLE_EVENT_COLUMNS)[number];

/**
 * Every column the API shows, as `a.<column>`: without the search keys (more copies of the body),
 * with the revision and the sort key.
 */
export const ARTICLE_SELECT_COLUMNS = [...ARTICLE_EVENT_COLUMNS, 'revision', 'sort_at']
  .map((column) => `a.${column}`)
  .join(', ');

/** The select list of an article row as the API shows it: `a` is the article, `s` its source. */
export const ARTICLE_SELECT = `SELECT ${ARTICLE_SELECT_COLUMNS}, s.name AS source_name, s.domain AS source_domain`;

const asIs = <T>(value: T): T => value;

/**
 * An article event's column values. A store that takes JSON or instants in another form gives
 * the conversion: `json` for tags, images and quality (a missing quality stays null), `instant`
 * for the three timestamps (a missing publishedAt stays null).
 */
export function articleEventRow<Json = object>(
  a: ArticleEvent,
  json: (value: object) => Json = asIs as (value: object) => Json,
  instant: (iso: string) => string = asIs,
): Record<ArticleEventColumn, string | null | Json> {
  return {
    id: a.id,
    url: a.url,
    canonical_url: a.canonicalUrl,
    source_id: a.source.id,
    feed_url: a.feedUrl,
    language: a.language,
    kicker: a.kicker,
    title: a.title,
    lead: a.lead,
    body: a.body,
    body_html: a.bodyHtml,
    author: a.author,
    category: a.category,
    tags: json(a.tags),
    images: json(a.images),
    published_at: a.publishedAt ? instant(a.publishedAt) : null,
    published_at_jalali: a.publishedAtJalali,
    fetched_at: instant(a.fetchedAt),
    parsed_at: instant(a.parsedAt),
    content_hash: a.contentHash,
    subtitle: a.subtitle ?? null,
    news_code: a.newsCode ?? null,
    attribution: a.attribution ?? null,
    quality: a.quality ? json(a.quality) : null,
  };
}

/** The row PostgreSQL's upsert writes, in ARTICLE_COLUMNS: the event's values and the search key. */
export function articleRow<Json = object>(
  a: ArticleEvent,
  json?: (value: object) => Json,
): Record<(typeof ARTICLE_COLUMNS)[number], string | null | Json> {
  return { ...articleEventRow(a, json), search_compact: articleSearchKey(a) };
}

/**
 * An `articles` row as read with its source's name and domain, instants and JSON values in the
 * store's own types (PostgreSQL: Date and parsed JSON; SQLite: ISO text and JSON text).
 */
export interface ArticleRowOf<Instant, Json> {
  id: string;
  url: string;
  canonical_url: string;
  source_id: string;
  source_name: string;
  source_domain: string;
  feed_url: string | null;
  language: string;
  kicker: string | null;
  title: string;
  lead: string | null;
  body: string;
  body_html: string;
  author: string | null;
  category: string | null;
  tags: Json;
  images: Json;
  published_at: Instant | null;
  published_at_jalali: string | null;
  fetched_at: Instant;
  parsed_at: Instant;
  content_hash: string;
  subtitle: string | null;
  news_code: string | null;
  attribution: string | null;
  quality: Json | null;
  revision: number;
  sort_at: Instant;
}

/** How a store's instants and JSON values read back into the event's ISO strings and objects. */
export interface RowDecoding<Instant, Json> {
  instant(value: Instant): string;
  json(value: Json): unknown;
}

/** The event an article row holds (without its revision). */
export function articleEventFromRow<Instant, Json>(
  r: Omit<ArticleRowOf<Instant, Json>, 'revision' | 'sort_at'>,
  decode: RowDecoding<Instant, Json>,
): ArticleEvent {
  const quality = r.quality === null ? null : (decode.json(r.quality) as ArticleEvent['quality']);
  return {
    id: r.id,
    url: r.url,
    canonicalUrl: r.canonical_url,
    source: { id: r.source_id, name: r.source_name, domain: r.source_domain },
    feedUrl: r.feed_url,
    language: r.language,
    kicker: r.kicker,
    title: r.title,
    lead: r.lead,
    body: r.body,
    bodyHtml: r.body_html,
    author: r.author,
    category: r.category,
    tags: decode.json(r.tags) as string[],
    images: decode.json(r.images) as ArticleEvent['images'],
    publishedAt: r.published_at === null ? null : decode.instant(r.published_at),
    publishedAtJalali: r.published_at_jalali,
    fetchedAt: decode.instant(r.fetched_at),
    parsedAt: decode.instant(r.parsed_at),
    contentHash: r.content_hash,
    subtitle: r.subtitle,
    newsCode: r.news_code,
    attribution: r.attribution,
    ...(quality ? { quality } : {}),
  };
}

/** A PostgreSQL `articles` row as node-postgres reads it: timestamptz as Date, jsonb parsed. */
export type PgArticleRow = ArticleRowOf<Date, object>;

export const PG_ROW_DECODING: RowDecoding<Date, object> = {
  instant: (value) => value.toISOString(),
  json: asIs,
};
