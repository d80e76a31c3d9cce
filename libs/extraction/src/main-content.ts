import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { query } from './query.js';
import { cleanText } from './text.js';

/** Elements that never hold article text. */
const NEVER_CONTENT =
  'script, style, noscript, iframe, nav, footer, aside, form, button, input, select, textarea, svg, template, link, meta';

/** class/id words of page furniture: navigation, related and most-viewed boxes, share bars, comments, ads. */
const FURNITURE =
  /(^|[\s_-])(nav|navbar|menu|footer|header|sidebar|side|related|most[-_]?viewed|popular|top[-_]?news|latest|share|sharing|social|comments?|tags?|breadcrumbs?|breadcrumb_list|advert|ads|ad|banner|newsletter|subscribe|login|search|widget|promo|pager|pagination|copyright)([\s_-]|$)/i;
/**
 * …unless the same attribute also says it is the article, or its picture: a "page-header-image"
 * holds the lead photo, not the site header.
 */
const ARTICLE_WORDS = /article|body|content|main|story|text|detail|entry|image/i;

const BLOCKS = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'li']);
const SKIP_IN_BODY = new Set(['figure', 'figcaption', 'table', 'img', 'picture', 'video', 'audio']);

/** Removes what is never article text, on a document we own (the caller parsed it for us alone). */
export function removeFurniture($: CheerioAPI): void {
  query($, NEVER_CONTENT).remove();
  query($, '[class], [id]').each((_, el) => {
    const words = `${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''}`;
    if (
      el.tagName !== 'body' &&
      el.tagName !== 'html' &&
      FURNITURE.test(words) &&
      !ARTICLE_WORDS.test(words)
    ) {
      $(el).remove();
    }
  });
}

function linkDensity($: CheerioAPI, el: Cheerio<Element>, textLength: number): number {
  if (textLength === 0) return 1;
  let linked = 0;
  el.find('a').each((_, a) => {
    linked += cleanText($(a).text()).length;
  });
  return linked / textLength;
}

const SCORED_BLOCKS = new Set(['p', 'pre', 'blockquote']);
const CONTAINERS = new Set(['p', 'div', 'section', 'article']);

/**
 * Paragraph-like elements, in document order: p, pre and blockquote, and
 * divs that hold text directly rather than other blocks (many sites write
 * paragraphs as divs). One walk of the tree, no selector matching.
 */
function textBlocks($: CheerioAPI): Element[] {
  const blocks: Element[] = [];
  const stack: AnyNode[] = [...($.root().get(0)?.children ?? [])].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (node.type !== 'tag') continue;
    const el = node as Element;
    const children = el.children;
    if (SCORED_BLOCKS.has(el.tagName)) blocks.push(el);
    else if (
      el.tagName === 'div' &&
      !children.some((c) => c.type === 'tag' && CONTAINERS.has((c as Element).tagName))
    ) {
      blocks.push(el);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return blocks;
}

/** A sibling scoring at least this share of the best block is more of the same article. */
const SIBLING_SHARE = 0.3;

/**
 * The element that holds the article text, in the spirit of Readability:
 * every paragraph gives its parent its length (less the part that is link
 * text) and its grandparent half of it; the highest score wins.
 */
export function findMainContent($: CheerioAPI): Cheerio<Element> | null {
  const scores = new Map<Element, number>();
  for (const el of textBlocks($)) {
    const text = cleanText($(el).text());
    if (text.length < 25) continue;
    const score = text.length * (1 - linkDensity($, $(el), text.length));
    const parent = el.parent as Element | null;
    if (parent?.type === 'tag') {
      scores.set(parent, (scores.get(parent) ?? 0) + score);
      const grandparent = parent.parent as Element | null;
      if (grandparent?.type === 'tag') scores.set(grandparent, (scores.get(grandparent) ?? 0) + score / 2);
    }
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, score] of scores) {
    if (score > bestScore) [best, bestScore] = [el, score];
  }
  if (!best) return null;
  // An article split into sections (a wrapper per subheading or quote) scores each part on
  // its own: when an ancestor a few levels up holds other parts scoring close to the best,
  // that ancestor is the article.
  let node: Element = best;
  for (let level = 0; level < 3; level++) {
    const parent = node.parent as Element | null;
    if (parent?.type !== 'tag' || parent.tagName === 'body') break;
    const strongSiblings = parent.children.filter(
      (child) => child !== node && (scores.get(child as Element) ?? 0) >= bestScore * SIBLING_SHARE,
    );
    if (strongSiblings.length > 0) return $(parent);
    node = parent;
  }
  return $(best);
}

export interface BodyBlock {
  text: string;
  /** Outer HTML of the element the text came from (sanitized later). */
  html: string;
}

/**
 * Paragraph-level blocks under a content element, in order. Text written
 * straight into a `<div>` and split by `<br>` counts too, as older Persian
 * sites write their bodies that way.
 */
export function collectBlocks($: CheerioAPI, root: Cheerio<Element>): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  let run: string[] = [];
  const flushRun = (): void => {
    for (const part of run.join('').split(/\n{2,}|\n/)) {
      const text = cleanText(part);
      if (text) blocks.push({ text, html: `<p>${escapeHtml(text)}</p>` });
    }
    run = [];
  };
  const walk = (nodes: AnyNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        run.push(node.data);
        continue;
      }
      if (node.type !== 'tag') continue;
      const el = node as Element;
      if (el.tagName === 'br') {
        run.push('\n');
        continue;
      }
      if (SKIP_IN_BODY.has(el.tagName)) {
        flushRun();
        if (el.tagName === 'figure' || el.tagName === 'img') blocks.push({ text: '', html: $.html(el) });
        continue;
      }
      if (BLOCKS.has(el.tagName) || /^h[1-6]$/.test(el.tagName)) {
        flushRun();
        const text = blockText($, el);
        const textLength = text.replace(/\n/g, '').length;
        if (text && linkDensity($, $(el), textLength) < 0.5) {
          // One block per line; the element's HTML goes with the first line only.
          text.split('\n').forEach((line, i) => blocks.push({ text: line, html: i === 0 ? $.html(el) : '' }));
        }
        continue;
      }
      if (
        ['span', 'a', 'strong', 'b', 'em', 'i', 'u', 'sup', 'sub', 'small', 'font', 'mark', 'abbr'].includes(
          el.tagName,
        )
      ) {
        run.push($(el).text());
        continue;
      }
      flushRun();
      walk(el.children);
      flushRun();
    }
  };
  walk(root.get(0)?.children ?? []);
  flushRun();
  return blocks;
}

/** Text of a block with `<br>` kept as line breaks. */
function blockText($: CheerioAPI, el: Element): string {
  const clone = $(el).clone();
  clone.find('br').replaceWith('\n');
  return clone.text().split('\n').map(cleanText).filter(Boolean).join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
