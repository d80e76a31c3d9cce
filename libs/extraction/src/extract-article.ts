import { createHash } from 'node:crypto';
import type { ArticleEvent, ArticleImage, FeedItem, Source } from '@news/contracts';
import { detectLanguage, formatJalaliTehran, parseGregorian, toAsciiDigits } from '@news/persian';
import { load, type Cheerio, type CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { findAttribution } from './attribution.js';
import { query } from './query.js';
import { FieldCascade } from './cascade.js';
import { collectBlocks, findMainContent, removeFurniture } from './main-content.js';
import { dateNearestTitle, parseDateText } from './publication-date.js';
import { sanitizeArticleHtml } from './sanitize.js';
import { type SiteProfile, type SiteProfiles } from './site-profile.js';
import { readMetadata, type PageMetadata } from './structured-data.js';
import { cleanText, nonEmpty } from './text.js';
import { absoluteHttpUrl, articleIdFor, stripTracking } from './url.js';

export interface PageInput {
  html: string;
  /** The URL the page was finally served from (after redirects). */
  url: string;
  fetchedAt: string;
  feedUrl?: string | null;
  item?: FeedItem | null;
}

export interface ExtractOptions {
  profiles: SiteProfiles;
  now?: () => Date;
}

/** A page that is not an article we can use; the reason goes to the dead-letter topic. */
export class ExtractionError extends Error {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(`${message} (${url})`);
    this.name = 'ExtractionError';
  }
}

const KICKER_GENERIC =
  '[class*="uptitle"], [class*="rutitr"], [class*="kicker"], [class*="overtitle"], [class*="supertitle"], [class*="pretitle"]';
const LEAD_GENERIC =
  '[class*="lead"], [class*="summary"], [class*="introtext"], [class*="subtitle"], [class*="teaser"], [class*="standfirst"]';
/** Lines inside a body that close or label an agency report rather than belong to it. */
const BOILERPLATE_LINE = /^(انتهای پیام|انتهاي پيام|کد خبر|كد خبر|پایان خبر|تاریخ انتشار)\s*[:：/]?/;

function firstText($: CheerioAPI, selector: string | undefined, maxLength = 1000): string | null {
  if (!selector) return null;
  let found: string | null = null;
  query($, selector).each((_, el) => {
    const text = nonEmpty($(el).text());
    if (text && text.length <= maxLength) {
      found = text;
      return false;
    }
    return undefined;
  });
  return found;
}

function allTexts($: CheerioAPI, selector: string | undefined): string[] {
  if (!selector) return [];
  return [
    ...new Set(
      query($, selector)
        .map((_, el) => cleanText($(el).text()))
        .get()
        .filter(Boolean),
    ),
  ];
}

/** Drops " - ILNA" or " | Site" from a title when the site's name follows the separator. */
function withoutSiteSuffix(title: string | null, siteName: string | null): string | null {
  if (!title) return null;
  const parts = title.split(/\s+[-|–—]\s+/);
  if (parts.length > 1 && siteName && parts.at(-1)?.includes(siteName)) return parts.slice(0, -1).join(' - ');
  return title;
}

function imagesIn($: CheerioAPI, scope: Cheerio<AnyNode>, baseUrl: string): ArticleImage[] {
  const images: ArticleImage[] = [];
  scope.each((_, el) => {
    const node = $(el);
    const img = node.is('img') ? node : node.find('img').first();
    const url = absoluteHttpUrl(img.attr('src') ?? img.attr('data-src'), baseUrl);
    if (!url) return;
    const caption = nonEmpty(node.find('figcaption').text()) ?? nonEmpty(img.attr('alt'));
    images.push({ url, caption });
  });
  return images;
}

function uniqueByUrl(images: ArticleImage[]): ArticleImage[] {
  const seen = new Set<string>();
  return images.filter((i) => !seen.has(i.url) && seen.add(i.url));
}

function sourceFor(profile: SiteProfile | null, url: string, meta: PageMetadata): Source {
  if (profile) return { id: profile.id, name: profile.name, domain: profile.domains[0] };
  const domain = new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  return { id: domain, name: meta.siteName ?? domain, domain };
}

function hashContent(fields: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * HTML of one page → the structured article, with no I/O. Each field comes
 * from the most trustworthy layer that has it: the site's profile, then the
 * page's structured data (JSON-LD, Open Graph, article:*), then generic
 * main-content extraction over the DOM, then the feed item.
 */
export function extractArticle(input: PageInput, options: ExtractOptions): ArticleEvent {
  const fetchedAt = new Date(input.fetchedAt);
  const $ = load(input.html, { xml: { xmlMode: false, decodeEntities: true } });
  const meta = readMetadata($);
  const canonicalUrl = stripTracking(absoluteHttpUrl(meta.canonicalUrl, input.url) ?? input.url);
  // The page's own canonical URL names the site even when it was served through a mirror or proxy.
  const profile = options.profiles.forUrl(canonicalUrl) ?? options.profiles.forUrl(input.url);
  const selectors = profile?.selectors ?? {};
  const cascade = new FieldCascade();

  // Layer 1 and 2, read before the DOM is pruned: the profile's selectors and the page's metadata.
  const title = cascade.pick(
    'title',
    ['profile', () => firstText($, selectors.title)],
    ['structured-data', () => withoutSiteSuffix(meta.title, meta.siteName)],
    ['dom', () => firstText($, 'h1') ?? withoutSiteSuffix(nonEmpty(query($, 'title').text()), meta.siteName)],
    ['feed', () => nonEmpty(input.item?.title)],
  );
  if (!title) throw new ExtractionError('no title found', input.url);
  const kicker = cascade.pick(
    'kicker',
    ['profile', () => firstText($, selectors.kicker, 300)],
    ['dom', () => firstText($, KICKER_GENERIC, 300)],
  );
  const subtitle = cascade.pick('subtitle', ['profile', () => firstText($, selectors.subtitle, 500)]);
  const newsCode = cascade.pick('newsCode', [
    'profile',
    () => newsCodeIn(firstText($, selectors.newsCode, 200)),
  ]);
  const tags =
    cascade.pick<string[]>(
      'tags',
      ['profile', () => allTexts($, selectors.tags)],
      ['structured-data', () => meta.tags],
    ) ?? [];
  const category = cascade.pick(
    'category',
    ['profile', () => firstText($, selectors.category, 100)],
    ['structured-data', () => meta.section],
    ['feed', () => input.item?.categories[0]],
  );
  const author = cascade.pick(
    'author',
    ['profile', () => firstText($, selectors.author, 200)],
    ['structured-data', () => meta.author],
  );
  const profileImages = selectors.images ? imagesIn($, query($, selectors.images), input.url) : [];
  const profileDateText = firstText($, selectors.date, 200);

  query($, 'script, style, noscript, template').remove();
  const rawLead = cascade.pick(
    'lead',
    ['profile', () => firstText($, selectors.lead, 1500)],
    ['dom', () => firstText($, LEAD_GENERIC, 1500)],
    ['structured-data', () => nonEmpty(meta.description)],
  );
  const published = cascade.pick<Date>(
    'publishedAt',
    ['structured-data', () => (meta.publishedAt ? parseGregorian(meta.publishedAt) : null)],
    ['profile', () => parseDateText(profileDateText, fetchedAt)],
    ['dom', () => dateNearestTitle(cleanText(query($, 'body').text()), title, fetchedAt)],
    ['feed', () => (input.item?.publishedAt ? new Date(input.item.publishedAt) : null)],
  );

  // Layer 3: the body, from the profile's element or the best-scoring block of the pruned DOM.
  let content = selectors.body ? query($, selectors.body).first() : null;
  if (content && content.length > 0) {
    for (const drop of profile?.drop ?? []) content.find(drop).remove();
    cascade.record('body', 'profile');
  } else {
    content = null;
  }
  removeFurniture($);
  if (!content) {
    content = findMainContent($);
    cascade.record('body', 'dom');
  }
  if (!content) throw new ExtractionError('no article text found', input.url);

  const notBody = new Set([title, kicker, subtitle, rawLead].filter((t): t is string => t !== null));
  const blocks = collectBlocks($, content).filter(
    (b) => b.text === '' || (!notBody.has(b.text) && !BOILERPLATE_LINE.test(b.text)),
  );
  const paragraphs = blocks.map((b) => b.text).filter(Boolean);
  if (paragraphs.length === 0) throw new ExtractionError('no article text found', input.url);
  const body = paragraphs.join('\n\n');
  // A description that merely repeats the first sentences of the body is not a lead.
  const lead = rawLead && !body.startsWith(rawLead.replace(/\.\.\.$|…$/, '')) ? rawLead : null;
  if (!lead) delete cascade.extractedBy.lead;

  const metaImages =
    profileImages.length > 0 ? [] : meta.images.map((url) => absoluteHttpUrl(url, input.url));
  const images = uniqueByUrl([
    ...profileImages,
    ...imagesIn($, content.find('figure, img'), input.url),
    ...metaImages.filter((url): url is string => url !== null).map((url) => ({ url, caption: null })),
  ]);
  const fields = {
    kicker,
    title,
    subtitle,
    lead,
    body,
    author,
    category,
    tags,
    images,
    publishedAt: published ? published.toISOString() : null,
    newsCode,
    attribution: findAttribution(paragraphs[0]),
  };
  return {
    id: articleIdFor(canonicalUrl),
    url: input.url,
    canonicalUrl,
    source: sourceFor(profile, canonicalUrl, meta),
    feedUrl: input.feedUrl ?? null,
    language: detectLanguage(`${title} ${body.slice(0, 2000)}`, meta.lang),
    ...fields,
    bodyHtml: sanitizeArticleHtml(blocks.map((b) => b.html).join('\n'), input.url),
    publishedAtJalali: published ? formatJalaliTehran(published) : null,
    fetchedAt: fetchedAt.toISOString(),
    parsedAt: (options.now?.() ?? new Date()).toISOString(),
    contentHash: hashContent(fields),
    quality: { extractedBy: cascade.extractedBy, flags: qualityFlags(body, cascade, profile) },
  };
}

/** Below this many characters a body is more likely a teaser or a failed extraction than an article. */
const SHORT_BODY = 280;

function qualityFlags(body: string, cascade: FieldCascade, profile: SiteProfile | null): string[] {
  const flags: string[] = [];
  if (body.length < SHORT_BODY) flags.push('bodyTooShort');
  const dateLayer = cascade.extractedBy.publishedAt;
  if (!dateLayer) flags.push('dateMissing');
  else if (dateLayer === 'feed') flags.push('dateFromFeed');
  if (!profile) flags.push('noProfile');
  if (!cascade.extractedBy.kicker && !cascade.extractedBy.lead) flags.push('noKickerOrLead');
  return flags;
}

/** The digits of a "کد خبر : ۱۷۰۰۰۰۰" line, as ASCII. */
function newsCodeIn(text: string | null): string | null {
  const digits = /[0-9۰-۹٠-٩]{3,}/.exec(text ?? '')?.[0];
  return digits ? toAsciiDigits(digits) : null;
}
