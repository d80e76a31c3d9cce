import type { CheerioAPI } from 'cheerio';
import { textOf } from './dom.js';
import { query, select } from './query.js';
import { cleanText, nonEmpty } from './text.js';

/** What a page says about itself in JSON-LD, Open Graph, `article:*`, Dublin Core and microdata. */
export interface PageMetadata {
  canonicalUrl: string | null;
  title: string | null;
  siteName: string | null;
  description: string | null;
  publishedAt: string | null;
  author: string | null;
  section: string | null;
  tags: string[];
  images: string[];
  lang: string | null;
}

const ARTICLE_TYPES =
  /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|Report|WebPage)$/;

type JsonObject = Record<string, unknown>;

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function str(value: unknown): string | null {
  if (typeof value === 'string') return nonEmpty(value);
  if (typeof value === 'number') return String(value);
  return null;
}

function nameOf(value: unknown): string | null {
  for (const v of asArray(value)) {
    const name = typeof v === 'object' && v !== null ? str((v as JsonObject).name) : str(v);
    if (name) return name;
  }
  return null;
}

/**
 * The people named: a JSON-LD author that is an organization (the agency itself) names no author.
 * Several authors read "A and B", as a printed byline does.
 */
function personName(value: unknown): string | null {
  const names = asArray(value)
    .filter(
      (v) =>
        !(typeof v === 'object' && v !== null && /Organization/.test(String((v as JsonObject)['@type']))),
    )
    .map((v) => nameOf(v))
    .filter((n): n is string => n !== null);
  return names.length > 0 ? [...new Set(names)].join(' and ') : null;
}

/**
 * `{"@id": …}` stands for the graph node of that id (Yoast and other `@graph` writers
 * point `author` and `image` at Person and ImageObject nodes instead of nesting them).
 */
function resolveRefs(value: unknown, nodes: Map<string, JsonObject>): unknown {
  return asArray(value).map((v) => {
    if (typeof v !== 'object' || v === null) return v;
    const obj = v as JsonObject;
    const id = typeof obj['@id'] === 'string' ? obj['@id'] : null;
    return id && Object.keys(obj).length === 1 ? (nodes.get(id) ?? obj) : obj;
  });
}

function imageUrls(value: unknown): string[] {
  return asArray(value)
    .map((v) =>
      typeof v === 'object' && v !== null
        ? str((v as JsonObject).url ?? (v as JsonObject).contentUrl)
        : str(v),
    )
    .filter((v): v is string => v !== null);
}

/** The article node of every JSON-LD block, `@graph` forms included, and every node by its `@id`. */
function jsonLdArticles($: CheerioAPI): { articles: JsonObject[]; nodes: Map<string, JsonObject> } {
  const found: JsonObject[] = [];
  const nodes = new Map<string, JsonObject>();
  for (const el of select($, 'script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(textOf(el));
    } catch {
      continue; // a broken block is common; the other signals still count
    }
    const queue = asArray(data);
    while (queue.length > 0) {
      const node = queue.shift();
      if (typeof node !== 'object' || node === null) continue;
      const obj = node as JsonObject;
      queue.push(...asArray(obj['@graph']));
      if (typeof obj['@id'] === 'string' && Object.keys(obj).length > 1) nodes.set(obj['@id'], obj);
      if (asArray(obj['@type']).some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) found.push(obj);
    }
  }
  // A NewsArticle beats a generic WebPage description of the same page.
  const articles = found.sort(
    (a, b) => Number(/WebPage/.test(String(a['@type']))) - Number(/WebPage/.test(String(b['@type']))),
  );
  return { articles, nodes };
}

/** Every `<meta>` of the page by its property, name or itemprop, read in one pass. */
function metaTags($: CheerioAPI): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const el of select($, 'meta[content]')) {
    const content = cleanText(el.attribs.content);
    if (!content) continue;
    for (const key of [el.attribs.property, el.attribs.name, el.attribs.itemprop]) {
      if (!key) continue;
      const values = tags.get(key) ?? [];
      values.push(content);
      tags.set(key, values);
    }
  }
  return tags;
}

function splitKeywords(value: unknown): string[] {
  return asArray(value)
    .flatMap((v) => (typeof v === 'string' ? v.split(/[,،]/) : []))
    .map(cleanText)
    .filter(Boolean);
}

export function readMetadata($: CheerioAPI): PageMetadata {
  const { articles, nodes } = jsonLdArticles($);
  const ld = articles[0] ?? {};
  const tags = metaTags($);
  const meta = (...keys: string[]): string | null => {
    for (const key of keys) {
      const value = tags.get(key)?.[0];
      if (value) return value;
    }
    return null;
  };
  // A plain `keywords` meta is often one list for the whole site: it names the article's topics
  // only on a page that describes itself as an article (news_keywords is per article by design).
  const describesArticle =
    articles.length > 0 ||
    meta('og:type') === 'article' ||
    [...tags.keys()].some((k) => k.startsWith('article:')) ||
    select($, '[itemtype*="Article"], [itemtype*="BlogPosting"]').length > 0;
  const keywords = [
    ...(tags.get('article:tag') ?? []),
    ...splitKeywords(ld.keywords),
    ...splitKeywords(describesArticle ? meta('keywords', 'news_keywords') : meta('news_keywords')),
  ];
  return {
    canonicalUrl: nonEmpty(query($, 'link[rel="canonical"]').attr('href')) ?? meta('og:url') ?? str(ld.url),
    title: str(ld.headline) ?? meta('og:title', 'twitter:title', 'DC.title', 'dc.title') ?? null,
    siteName: meta('og:site_name') ?? nameOf(ld.publisher),
    description: str(ld.description) ?? meta('og:description', 'description', 'DC.description'),
    publishedAt:
      str(ld.datePublished) ??
      meta(
        'article:published_time',
        'og:published_time',
        'datePublished',
        'DC.date.issued',
        'DC.date',
        'dc.date',
      ) ??
      nonEmpty(query($, '[itemprop="datePublished"]').first().attr('datetime')),
    author:
      ld.author !== undefined
        ? personName(resolveRefs(ld.author, nodes))
        : meta('author', 'article:author', 'DC.creator'),
    // A list of sections files the article first under its main one.
    section: asArray(ld.articleSection).map(str).find(Boolean) ?? meta('article:section'),
    tags: [...new Set(keywords)],
    images: [...imageUrls(resolveRefs(ld.image, nodes)), ...(tags.get('og:image') ?? [])],
    lang: nonEmpty(query($, 'html').attr('lang')) ?? meta('og:locale', 'language'),
  };
}
