import { createHash } from 'node:crypto';
import type { ArticleEvent, ArticleImage, FeedItem, Source } from '@news/contracts';
import { detectLanguage, formatJalaliTehran, toAsciiDigits } from '@news/persian';
import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { findAttribution } from './attribution.js';
import { closest, descendants, nextElement, textOf } from './dom.js';
import { bindDeadline, matches, query, releasePage, removeElements, select } from './query.js';
import { FieldCascade } from './cascade.js';
import { Deadline } from './deadline.js';
import { ExtractionError } from './extraction-error.js';
import { collectBlocks, findMainContent, removeFurniture } from './main-content.js';
import { dateNearestTitle, parseDateText, writtenEnglishDate } from './publication-date.js';
import { bodyHtmlOf } from './sanitize.js';
import { type SiteProfile, type SiteProfiles } from './site-profile.js';
import { siteZone } from './site-zone.js';
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
  /** The time bound per page (DEFAULT_PAGE_TIMEOUT_MS unless given); past it, an ExtractionError. */
  timeoutMs?: number;
}

export { ExtractionError };

/**
 * How long one page may take by default: a hundred times a typical page, so
 * only hostile or broken markup reaches it, even on a busy machine.
 */
export const DEFAULT_PAGE_TIMEOUT_MS = 2000;

const TIME_ELEMENT = 'article time[datetime], [itemprop="datePublished"][datetime], time[datetime]';
const CAPTION = 'figcaption, [class*="caption"], [class*="Caption"]';
const isBreadcrumb = (el: Element): boolean => matches(el, '[class*="breadcrumb"]');
/**
 * The article's h1 before any other: many sites also put their name in an h1 in the header.
 * An h1 that only links to the home page is that site name (a logo), never the headline.
 */
const SITE_LOGO_H1 = ':not(:has(> a[href="/"]:only-child))';
const ARTICLE_HEADLINE = [
  'article h1',
  'main h1',
  '[class*="article"] h1',
  '[class*="story"] h1',
  '[class*="post"] h1',
  'h1',
]
  .map((selector) => `${selector}${SITE_LOGO_H1}`)
  .join(', ');
/**
 * Byline selectors, most precise first: tried one after another rather than as one list, since in
 * document order a whole byline line ("By <name>, staff reporter") comes before the name inside it.
 */
const BYLINES = [
  '[itemprop="author"] [itemprop="name"]',
  '[rel="author"]',
  '[class*="byline"] [class*="name"]',
  '[class*="byline"] a',
  '[class*="author-name"]',
  '[class*="byline"]',
  // A reporter's name linked from an author box ("news-author", "article-author").
  '[class*="author"] > a',
];
/** Tag and topic links shown on the page: what readers see beats keyword meta tags (often SEO lists). */
const VISIBLE_TAGS = [
  'a[rel="tag"]',
  '[class*="tags"] a',
  '[class*="topics"] a',
  '[class*="keywords"] a',
  // "Related topics" lists named by component or as a topic list rather than by a plural class.
  '[data-component="tags"] a',
  '[class*="topic-list"] a',
].join(', ');
const KICKER_GENERIC =
  '[class*="uptitle"], [class*="rutitr"], [class*="kicker"], [class*="overtitle"], [class*="supertitle"], [class*="pretitle"]';
// Leads, summaries and standfirsts, but not a lead image's caption or an ad slot ("leaderboard").
const LEAD_GENERIC_EXCLUDED =
  ':not(figure *):not(figcaption):not([class*="leaderboard"]):not([class*="image"])';
const LEAD_GENERIC_BASE =
  '[class*="lead"], [class*="summary"], [class*="introtext"], [class*="subtitle"], [class*="subhead"], [class*="teaser"], [class*="standfirst"]';
const LEAD_GENERIC = LEAD_GENERIC_BASE.split(', ')
  .map((selector) => `${selector}${LEAD_GENERIC_EXCLUDED}`)
  .join(', ');
/** Lines inside a body that close or label an agency report rather than belong to it (incl. wire sign-offs). */
const BOILERPLATE_LINE =
  /^(انتهای پیام|انتهاي پيام|کد خبر|كد خبر|پایان خبر|تاریخ انتشار)\s*[:：/]?|^(?:Additional )?Reporting by [^.]{1,200}$|^(?:Copyright|©)\s*(?:©\s*)?\d{4}\b.{0,200}\ball rights reserved\b/i;

function firstText(
  $: CheerioAPI,
  selector: string | undefined,
  maxLength = 1000,
  minLength = 1,
): string | null {
  if (!selector) return null;
  for (const el of select($, selector)) {
    const text = nonEmpty(textOf(el));
    if (text && text.length <= maxLength && text.length >= minLength) return text;
  }
  return null;
}

function allTexts(
  $: CheerioAPI,
  selector: string | undefined,
  keep: (el: Element) => boolean = () => true,
): string[] {
  if (!selector) return [];
  return [
    ...new Set(
      select($, selector)
        .filter(keep)
        .map((el) => cleanText(textOf(el)))
        .filter(Boolean),
    ),
  ];
}

/** A job title after the name ("Jane Doe, Staff Writer"): the byline's person is the name alone. */
const BYLINE_ROLE = /,\s*[^,]*\b(?:staff|writer|reporter|correspondent|editor|contributor)\b[^,]*$/i;

/** "By Jane Doe", "گفت‌وگو از: …", "نویسنده: …" → the name alone. */
function withoutBylineLabel(text: string | null): string | null {
  if (!text) return null;
  const name = text
    .replace(/^(?:by|von|par|por|di|door|автор)\s+/i, '')
    .replace(BYLINE_ROLE, '')
    .replace(/^(?:گفت‌?وگو از|گفتگو از|نویسنده|نويسنده|خبرنگار|گزارش|عکس|ترجمه|تهیه و تنظیم)\s*[:：]\s*/, '')
    .trim();
  return name.length > 0 && name.length <= 80 ? name : null;
}

/**
 * A kicker printed as the h1's own first element (`<h1><span>Kicker</span><span>Headline</span></h1>`),
 * taken only when the metadata headline confirms it by reading "Kicker: Headline".
 */
function kickerInHeadline($: CheerioAPI, title: string): string | null {
  if (!title.includes(': ')) return null; // no "Kicker: Headline" to confirm; skip the DOM walk
  const parts = query($, ARTICLE_HEADLINE).first().children();
  if (parts.length < 2) return null;
  const first = nonEmpty(parts.first().text());
  return first && first.length <= 60 && title.startsWith(`${first}: `) ? first : null;
}

const ANY_BYLINE = BYLINES.join(', ');

/** One walk of the page for all byline selectors, then the matches ranked by selector. */
function firstByline($: CheerioAPI): string | null {
  const found = select($, ANY_BYLINE);
  for (const selector of BYLINES) {
    for (const el of found) {
      if (!matches(el, selector)) continue;
      const text = nonEmpty(textOf(el));
      const name = text && text.length <= 120 ? withoutBylineLabel(text) : null;
      if (name) return name;
    }
  }
  return null;
}

/** An author that is the site itself ("ایسنا", "Gündem Haber") names nobody. */
function personOnly(author: string | null, siteName: string | null): string | null {
  if (!author || !siteName) return author;
  return author === siteName || siteName.includes(author) ? null : author;
}

/**
 * Agency bylines that open a lead or first paragraph: `همشهری آنلاین- مریم
 * سرخوش: …`, `خبرگزاری مهر، گروه اقتصاد - محمدرضا کریمی: …`. The part before
 * the dash must name an outlet or desk, so an ordinary sentence with a dash
 * and a colon is left alone.
 */
const OPENING_BYLINE =
  /^((?:[^\s:：\-–]+\s+){0,5}?[^\s:：\-–]+)\s*[-–]\s*((?:[^\s:：\-–]+\s+){0,3}[^\s:：\-–]+)\s*[:：]\s*/;
const OUTLET_WORD = /خبرگزار[یي]|آنلا[یي]ن|گروه|سرو[یي]س/;

/** A byline opening is a few words long: the pattern only ever sees the start of a (maybe huge) paragraph. */
const OPENING_BYLINE_SPAN = 300;

export function splitLeadByline(text: string | null): { text: string | null; author: string | null } {
  const match = text ? OPENING_BYLINE.exec(text.slice(0, OPENING_BYLINE_SPAN)) : null;
  if (!text || !match || !OUTLET_WORD.test(match[1])) return { text, author: null };
  return { text: text.slice(match[0].length).trim() || null, author: match[2] };
}

/**
 * The last breadcrumb that is not the home page: the section the article sits in. A crumb
 * linking to a tag page (`/tag/…`) is a topic shown beside the section, not a section.
 */
function lastBreadcrumb($: CheerioAPI): string | null {
  const crumbs = select(
    $,
    '[class*="breadcrumb"] a:not([href*="/tag/"]):not([href*="/tags/"]), [itemtype*="BreadcrumbList"] [itemprop="name"]',
  )
    .map((el) => cleanText(textOf(el)))
    .filter(
      (t) =>
        t &&
        t.length <= 60 &&
        !/^(home|startseite|accueil|inicio|ana sayfa|главная|صفحه (ن|ا)خست|الرئيسية)$/i.test(t),
    );
  return crumbs.at(-1) ?? null;
}

/** Drops " - ILNA" or " | Site" from a title when the site's name follows the separator. */
function withoutSiteSuffix(title: string | null, siteName: string | null): string | null {
  if (!title) return null;
  const parts = title.split(/\s+[-|–—]\s+/);
  if (parts.length > 1 && siteName && parts.at(-1)?.includes(siteName)) return parts.slice(0, -1).join(' - ');
  return title;
}

/** Lazy-loading sites put a placeholder in src and the picture in a data attribute. */
const PLACEHOLDER = /placeholder|spacer|blank\.(gif|png)|pixel|1x1|lazy[-_]?load|data:image/i;

function imageSource(img: Element): string | undefined {
  const candidates = [
    img.attribs['data-src'],
    img.attribs['data-lazy-src'],
    img.attribs['data-original'],
    img.attribs.src,
  ];
  return candidates.find((src) => src && !PLACEHOLDER.test(src));
}

/** Whether `node` lies inside `ancestor`. */
function isInside(node: Element, ancestor: Element): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) if (parent === ancestor) return true;
  return false;
}

/**
 * Where the article's own images are: the smallest element holding both the
 * headline and the body, so the lead picture above the text counts and the
 * sidebars beside it do not. Without a headline nearby, the body alone.
 */
function articleRegion($: CheerioAPI, content: Element): Element {
  const headline = select($, 'h1')[0];
  if (!headline) return content;
  let region: Element | null = content;
  while (region && !isInside(headline, region)) region = region.parent as Element | null;
  return region && region.type === 'tag' && region.tagName !== 'body' && region.tagName !== 'html'
    ? region
    : content;
}

/** AMP pages show their pictures as `<amp-img>`, which carries `src` like an `<img>`. */
const IMAGE = 'img, amp-img';
const isImage = (el: Element): boolean => el.tagName === 'img' || el.tagName === 'amp-img';
const isCaption = (el: Element): boolean => matches(el, CAPTION);

/**
 * Pictures that are not the article's: an author's avatar, and a thumbnail inside a link to
 * another page (a related-story card). A link to an image file is the same picture enlarged.
 */
function notArticleImage(img: Element): boolean {
  if (/avatar/i.test(`${img.attribs.class ?? ''} ${img.attribs.src ?? ''}`)) return true;
  const href = closest(img, (el) => el.tagName === 'a' && el.attribs.href !== undefined)?.attribs.href;
  return href !== undefined && !/\.(jpe?g|png|webp|gif|avif)(\?|#|$)/i.test(href);
}

function imagesIn(scope: readonly Element[], baseUrl: string): ArticleImage[] {
  const images: ArticleImage[] = [];
  for (const node of scope) {
    const img = isImage(node) ? node : descendants(node, isImage, 1)[0];
    if (!img || notArticleImage(img)) continue;
    const url = absoluteHttpUrl(imageSource(img), baseUrl);
    if (!url) continue;
    // Only a caption the reader sees: an image's alt text is usually the headline again.
    const inside = descendants(node, isCaption, 1)[0];
    const next = nextElement(node);
    const caption =
      (inside ? nonEmpty(textOf(inside)) : null) ?? (next && isCaption(next) ? nonEmpty(textOf(next)) : null);
    images.push({ url, caption });
  }
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
  const deadline = new Deadline(options.timeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS, input.url);
  // The HTML parser itself slows down quadratically on pathological nesting: refuse it before parsing.
  const roughDepth = estimateNesting(input.html);
  if (roughDepth > ROUGH_NESTING_LIMIT) {
    throw new ExtractionError(`page opens ${roughDepth} elements without closing them`, input.url);
  }
  const $ = load(input.html, { xml: { xmlMode: false, decodeEntities: true } });
  deadline.check();
  const depth = nestingDepth($.root().get(0));
  if (depth > MAX_NESTING) {
    throw new ExtractionError(
      `page nests elements ${depth} levels deep, over the limit of ${MAX_NESTING}`,
      input.url,
    );
  }
  bindDeadline($, deadline);
  try {
    return articleFrom($, input, options, deadline);
  } finally {
    releasePage($);
  }
}

/** The fields of the article from the parsed page, each from the first layer that has it. */
function articleFrom(
  $: CheerioAPI,
  input: PageInput,
  options: ExtractOptions,
  deadline: Deadline,
): ArticleEvent {
  const fetchedAt = new Date(input.fetchedAt);
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
    [
      'dom',
      () =>
        firstText($, ARTICLE_HEADLINE) ??
        withoutSiteSuffix(
          nonEmpty(query($, 'title').text()),
          meta.siteName ?? nonEmpty(query($, `h1:not(${SITE_LOGO_H1})`).first().text()),
        ),
    ],
    ['feed', () => nonEmpty(input.item?.title)],
  );
  if (!title) throw new ExtractionError('no title found', input.url);
  const kicker = cascade.pick(
    'kicker',
    ['profile', () => firstText($, selectors.kicker, 300)],
    ['dom', () => firstText($, KICKER_GENERIC, 300) ?? kickerInHeadline($, title)],
  );
  const headline = kicker && title.startsWith(`${kicker}: `) ? title.slice(kicker.length + 2) : title;
  const subtitle = cascade.pick('subtitle', ['profile', () => firstText($, selectors.subtitle, 500)]);
  const newsCode = cascade.pick('newsCode', [
    'profile',
    () => newsCodeIn(firstText($, selectors.newsCode, 200)),
  ]);
  const tags =
    cascade.pick<string[]>(
      'tags',
      ['profile', () => allTexts($, selectors.tags)],
      // A breadcrumb's links are the sections above the article, not its topics.
      ['dom', () => allTexts($, VISIBLE_TAGS, (el) => closest(el, isBreadcrumb) === null)],
      ['structured-data', () => meta.tags],
    ) ?? [];
  const category = cascade.pick(
    'category',
    ['profile', () => firstText($, selectors.category, 100)],
    ['structured-data', () => meta.section],
    // WordPress themes print the post's categories as rel="category tag" links.
    [
      'dom',
      () =>
        firstText($, '[itemprop="articleSection"]', 100) ??
        firstText($, 'a[rel~="category"]', 100) ??
        lastBreadcrumb($),
    ],
    ['feed', () => input.item?.categories[0]],
  );
  // The site's own name is no author: checked per layer, so a site-named meta author gives way to the byline.
  const author = cascade.pick(
    'author',
    ['profile', () => personOnly(withoutBylineLabel(firstText($, selectors.author, 200)), meta.siteName)],
    ['structured-data', () => personOnly(meta.author, meta.siteName)],
    ['dom', () => personOnly(firstByline($), meta.siteName)],
  );
  const profileImages = selectors.images ? imagesIn(select($, selectors.images), input.url) : [];
  const profileDateText = firstText($, selectors.date, 200);

  deadline.check();
  removeElements(
    $,
    ['script', 'style', 'noscript', 'template'].flatMap((tag) => select($, tag)),
  );
  const pageText = cleanText(select($, 'body').map(textOf).join(''));
  const leadWithByline = cascade.pick(
    'lead',
    ['profile', () => firstText($, selectors.lead, 1500)],
    ['dom', () => firstText($, LEAD_GENERIC, 1500, 40)],
    // A description counts as the lead only where the page shows it to readers.
    [
      'structured-data',
      () => (meta.description && pageText.includes(meta.description) ? meta.description : null),
    ],
  );
  const leadByline = splitLeadByline(leadWithByline);
  const rawLead = leadByline.text;
  const zone = siteZone(canonicalUrl);
  const published = cascade.pickDate('publishedAt', [
    ['structured-data', () => parseDateText(meta.publishedAt, fetchedAt, zone)],
    ['profile', () => parseDateText(profileDateText, fetchedAt, zone)],
    ['dom', () => parseDateText(query($, TIME_ELEMENT).first().attr('datetime'), fetchedAt, zone)],
    ['dom', () => dateNearestTitle(pageText, title, fetchedAt)],
    ['dom', () => writtenEnglishDate(pageText, fetchedAt)],
    [
      'feed',
      () => (input.item?.publishedAt ? { date: new Date(input.item.publishedAt), hasTime: true } : null),
    ],
  ])?.date;

  // Layer 3: the body, from the profile's element or the best-scoring block of the pruned DOM.
  let content: Element | null = selectors.body ? (select($, selectors.body)[0] ?? null) : null;
  if (content) {
    for (const drop of profile?.drop ?? []) {
      removeElements(
        $,
        descendants(content, (el) => matches(el, drop)),
      );
    }
    cascade.record('body', 'profile');
  }
  deadline.check();
  removeFurniture($);
  if (!content) {
    content = findMainContent($, deadline);
    cascade.record('body', 'dom');
  }
  if (!content) throw new ExtractionError('no article text found', input.url);

  // A lead from the page's description may also be its first paragraph: then it stays body text.
  const leadElement = cascade.extractedBy.lead === 'structured-data' ? null : rawLead;
  const notBody = new Set([title, kicker, subtitle, leadElement].filter((t): t is string => t !== null));
  deadline.check();
  const blocks = collectBlocks(content, deadline).filter(
    (b) => b.text === '' || (!notBody.has(b.text) && !BOILERPLATE_LINE.test(b.text)),
  );
  const paragraphs = blocks.map((b) => b.text).filter(Boolean);
  if (paragraphs.length === 0) throw new ExtractionError('no article text found', input.url);
  const body = paragraphs.join('\n\n');
  // A description that merely repeats the first sentences of the body is not a lead.
  // So does a description found inside the first paragraph, after a dateline ("LONDON, Sept 22 -").
  const repeatsBody =
    rawLead !== null &&
    (body.startsWith(rawLead.replace(/\.\.\.$|…$/, '')) ||
      (cascade.extractedBy.lead === 'structured-data' && (paragraphs[0] ?? '').includes(rawLead)));
  const lead = rawLead && !repeatsBody ? rawLead : null;
  if (!lead) delete cascade.extractedBy.lead;

  deadline.check();
  const pageImages = [
    ...profileImages,
    ...imagesIn(
      descendants(selectors.images ? content : articleRegion($, content), (el) =>
        matches(el, `figure, ${IMAGE}`),
      ),
      input.url,
    ),
  ];
  // Structured-data images only when the page shows none: og:image is often a resized copy of
  // the lead image, or the site's logo. A profile that names the image element is trusted alone.
  const metaImages = pageImages.length > 0 || selectors.images ? [] : meta.images.slice(0, 1);
  const images = uniqueByUrl([
    ...pageImages,
    ...metaImages
      .map((url) => absoluteHttpUrl(url, input.url))
      .filter((url): url is string => url !== null)
      .map((url) => ({ url, caption: null })),
  ]);
  const fields = {
    kicker,
    title: headline,
    subtitle,
    lead,
    body,
    author: author ?? leadByline.author ?? splitLeadByline(paragraphs[0] ?? null).author,
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
    bodyHtml: bodyHtmlOf(blocks, input.url),
    publishedAtJalali: published ? formatJalaliTehran(published) : null,
    fetchedAt: fetchedAt.toISOString(),
    parsedAt: (options.now?.() ?? new Date()).toISOString(),
    contentHash: hashContent(fields),
    quality: { extractedBy: cascade.extractedBy, flags: qualityFlags(body, cascade, profile) },
  };
}

/**
 * Real pages nest a few dozen levels; thousands only come from broken or
 * hostile markup, on which tree walks turn quadratic (100,000 levels took a
 * minute). Refusing them keeps every page within a time bound.
 */
const MAX_NESTING = 512;

/** Elements that close themselves or are closed by the next of their kind, so never deepen a real page. */
const NO_NESTING = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
  'p',
  'li',
  'dt',
  'dd',
  'option',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
]);
const ROUGH_NESTING_LIMIT = 4 * MAX_NESTING;

/** Whether a character code may appear in a tag name: ASCII letters, digits and `-`. */
function isTagNameCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 45
  );
}

/**
 * Open-minus-closed tags at the worst point of the text: one linear scan, no
 * parsing, no regex (a scan of every page, so it is written for speed).
 */
function estimateNesting(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    let start = at + 1;
    const closing = html.charCodeAt(start) === 47; // '/'
    if (closing) start++;
    const first = html.charCodeAt(start) | 32; // lower-cased ASCII letter
    if (first < 97 || first > 122) continue;
    let end = start + 1;
    while (end < html.length && isTagNameCode(html.charCodeAt(end))) end++;
    const name = html.slice(start, end);
    if (NO_NESTING.has(name) || NO_NESTING.has(name.toLowerCase())) continue;
    depth = closing ? Math.max(0, depth - 1) : depth + 1;
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

/**
 * Deepest element nesting, counted without recursion (the input may be
 * arbitrarily deep) and without allocating: down to the first child, across
 * to the next sibling, back up through the parents.
 */
function nestingDepth(root: AnyNode | undefined): number {
  if (!root || !('children' in root)) return 0;
  let deepest = 0;
  let depth = 1;
  let node: AnyNode | null = root.children[0] ?? null;
  while (node) {
    if (depth > deepest) {
      deepest = depth;
      if (deepest > MAX_NESTING) return deepest;
    }
    if ('children' in node && node.children.length > 0) {
      node = node.children[0];
      depth++;
      continue;
    }
    while (node && !node.next && node.parent !== root) {
      node = node.parent;
      depth--;
    }
    node = node?.next ?? null;
  }
  return deepest;
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
