import type { CheerioAPI } from 'cheerio';
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

function imageUrls(value: unknown): string[] {
  return asArray(value)
    .map((v) =>
      typeof v === 'object' && v !== null
        ? str((v as JsonObject).url ?? (v as JsonObject).contentUrl)
        : str(v),
    )
    .filter((v): v is string => v !== null);
}

/** The article node of every JSON-LD block, `@graph` forms included. */
function jsonLdArticles($: CheerioAPI): JsonObject[] {
  const found: JsonObject[] = [];
  $('script[type="application/ld+json"]').each((_, el) => {
    let data: unknown;
    try {
      data = JSON.parse($(el).text());
    } catch {
      return; // a broken block is common; the other signals still count
    }
    const queue = asArray(data);
    while (queue.length > 0) {
      const node = queue.shift();
      if (typeof node !== 'object' || node === null) continue;
      const obj = node as JsonObject;
      queue.push(...asArray(obj['@graph']));
      if (asArray(obj['@type']).some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) found.push(obj);
    }
  });
  // A NewsArticle beats a generic WebPage description of the same page.
  return found.sort(
    (a, b) => Number(/WebPage/.test(String(a['@type']))) - Number(/WebPage/.test(String(b['@type']))),
  );
}

function meta($: CheerioAPI, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = $(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`)
      .first()
      .attr('content');
    const cleaned = nonEmpty(value);
    if (cleaned) return cleaned;
  }
  return null;
}

function metaAll($: CheerioAPI, key: string): string[] {
  return $(`meta[property="${key}"], meta[name="${key}"]`)
    .map((_, el) => cleanText($(el).attr('content')))
    .get()
    .filter(Boolean);
}

function splitKeywords(value: unknown): string[] {
  return asArray(value)
    .flatMap((v) => (typeof v === 'string' ? v.split(/[,،]/) : []))
    .map(cleanText)
    .filter(Boolean);
}

export function readMetadata($: CheerioAPI): PageMetadata {
  const ld = jsonLdArticles($)[0] ?? {};
  const tags = [
    ...metaAll($, 'article:tag'),
    ...splitKeywords(ld.keywords),
    ...splitKeywords(meta($, 'keywords', 'news_keywords')),
  ];
  return {
    canonicalUrl: nonEmpty($('link[rel="canonical"]').attr('href')) ?? meta($, 'og:url') ?? str(ld.url),
    title: str(ld.headline) ?? meta($, 'og:title', 'twitter:title', 'DC.title', 'dc.title') ?? null,
    siteName: meta($, 'og:site_name') ?? nameOf(ld.publisher),
    description: str(ld.description) ?? meta($, 'og:description', 'description', 'DC.description'),
    publishedAt:
      str(ld.datePublished) ??
      meta(
        $,
        'article:published_time',
        'og:published_time',
        'datePublished',
        'DC.date.issued',
        'DC.date',
        'dc.date',
      ) ??
      nonEmpty($('[itemprop="datePublished"]').first().attr('datetime')),
    author: nameOf(ld.author) ?? meta($, 'author', 'article:author', 'DC.creator'),
    section: str(ld.articleSection) ?? meta($, 'article:section'),
    tags: [...new Set(tags)],
    images: [...imageUrls(ld.image), ...metaAll($, 'og:image')],
    lang: nonEmpty($('html').attr('lang')) ?? meta($, 'og:locale', 'language'),
  };
}
