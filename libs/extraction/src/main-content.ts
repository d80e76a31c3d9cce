import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Deadline } from './deadline.js';
import { descendants, textOf } from './dom.js';
import { removeElements, select, withAttribute } from './query.js';
import { cleanText } from './text.js';

/** Elements that never hold article text. */
const NEVER_CONTENT = [
  'script',
  'style',
  'noscript',
  'iframe',
  'nav',
  'footer',
  'aside',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'svg',
  'template',
  'link',
  'meta',
];

/** class/id words of page furniture: navigation, related and most-viewed boxes, share bars, comments, ads. */
const FURNITURE =
  /(^|[\s_-])(nav|navbar|menu|footer|header|sidebar|side|related|most[-_]?viewed|popular|top[-_]?news|latest|share|sharing|social|comments?(box)?|tags?|breadcrumbs?|breadcrumb_list|advert|ads|ad|banner|newsletter|subscribe|signup|login|search|widget|promo|pager|pagination|copyright|byline|dateline|tools|cookies?|consent|skip[-_]?link|read[-_]?also|playlist|visually[-_]hidden|sr[-_]only)([\s_-]|$)/i;
/**
 * …unless the same attribute also says it is the article, or its picture: a "page-header-image"
 * holds the lead photo, not the site header.
 */
const ARTICLE_WORDS = /article|body|content|main|story|text|detail|entry|image/i;

const BLOCKS = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'li']);
/** A picture's caption or credit written as a paragraph of its own rather than a figcaption. */
const CAPTION_CLASS = /(^|[\s_-])(caption|credit)s?([\s_-]|$)/i;
const SKIP_IN_BODY = new Set(['figure', 'figcaption', 'table', 'img', 'picture', 'video', 'audio']);

/** Removes what is never article text, on a document we own (the caller parsed it for us alone). */
export function removeFurniture($: CheerioAPI): void {
  // Selected one tag, class or id at a time: removal needs no document order, which merging
  // the results of a selector list would cost.
  const furniture = NEVER_CONTENT.flatMap((tag) => select($, tag));
  // Besides class and id: the component name of an embed ("newsletter-embed"), a label read out
  // to screen readers ("after newsletter promotion"), and the target of an in-page link ("skip
  // past newsletter promotion" → `#EmailSignup-skip-link-11`).
  const isFurniture = (el: Element): boolean => {
    const { attribs } = el;
    const inPageLink = el.tagName === 'a' && attribs.href?.startsWith('#') ? attribs.href.slice(1) : '';
    const words = `${attribs.class ?? ''} ${attribs.id ?? ''} ${attribs['data-component'] ?? ''} ${attribs['aria-label'] ?? ''}`;
    // A link's target says what it skips to ("#main-content"), not what the link is.
    return (
      el.tagName !== 'body' &&
      el.tagName !== 'html' &&
      FURNITURE.test(`${words} ${inPageLink}`) &&
      !ARTICLE_WORDS.test(words)
    );
  };
  const candidates = new Set<Element>();
  for (const name of ['class', 'id', 'data-component', 'aria-label']) {
    for (const el of withAttribute($, name)) candidates.add(el);
  }
  for (const el of select($, 'a[href^="#"]')) candidates.add(el);
  for (const el of candidates) if (isFurniture(el)) furniture.push(el);
  removeElements($, furniture);
}

/** Share of a block's text that sits in links. */
function linkDensity(el: Element, textLength: number): number {
  if (textLength === 0) return 1;
  let linked = 0;
  for (const a of descendants(el, (d) => d.tagName === 'a')) linked += cleanText(textOf(a)).length;
  return linked / textLength;
}

const SCORED_BLOCKS = new Set(['p', 'pre', 'blockquote']);
const CONTAINERS = new Set(['p', 'div', 'section', 'article']);

/**
 * Paragraph-like elements, in document order: p, pre and blockquote, and
 * divs that hold text directly rather than other blocks (many sites write
 * paragraphs as divs). One walk of the tree, no selector matching.
 */
function textBlocks($: CheerioAPI, deadline: Deadline): Element[] {
  const blocks: Element[] = [];
  const stack: AnyNode[] = [...($.root().get(0)?.children ?? [])].reverse();
  while (stack.length > 0) {
    deadline.tick();
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
export function findMainContent($: CheerioAPI, deadline: Deadline): Element | null {
  const scores = new Map<Element, number>();
  for (const el of textBlocks($, deadline)) {
    deadline.tick();
    const text = cleanText(textOf(el));
    if (text.length < 25) continue;
    const score = text.length * (1 - linkDensity(el, text.length));
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
    if (strongSiblings.length > 0) return parent;
    node = parent;
  }
  return best;
}

export interface BodyBlock {
  text: string;
  /**
   * Where the block's HTML comes from: the element the text came from (written out safely at
   * the end), `'line'` for loose text shown as a paragraph of its own, or null for the later
   * lines of an element already shown whole.
   */
  source: Element | 'line' | null;
}

/**
 * Paragraph-level blocks under a content element, in order. Text written
 * straight into a `<div>` and split by `<br>` counts too, as older Persian
 * sites write their bodies that way.
 */
export function collectBlocks(root: Element, deadline: Deadline): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  let run: string[] = [];
  const flushRun = (): void => {
    for (const part of run.join('').split(/\n{2,}|\n/)) {
      const text = cleanText(part);
      if (text) blocks.push({ text, source: 'line' });
    }
    run = [];
  };
  const walk = (nodes: AnyNode[]): void => {
    for (const node of nodes) {
      deadline.tick();
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
      if (SKIP_IN_BODY.has(el.tagName) || CAPTION_CLASS.test(el.attribs.class ?? '')) {
        flushRun();
        if (el.tagName === 'figure' || el.tagName === 'img') blocks.push({ text: '', source: el });
        continue;
      }
      if (BLOCKS.has(el.tagName) || /^h[1-6]$/.test(el.tagName)) {
        flushRun();
        const text = blockText(el);
        const textLength = text.replace(/\n/g, '').length;
        if (text && linkDensity(el, textLength) < 0.5) {
          // One block per line; the element's HTML goes with the first line only.
          text.split('\n').forEach((line, i) => blocks.push({ text: line, source: i === 0 ? el : null }));
        }
        continue;
      }
      if (
        ['span', 'a', 'strong', 'b', 'em', 'i', 'u', 'sup', 'sub', 'small', 'font', 'mark', 'abbr'].includes(
          el.tagName,
        )
      ) {
        run.push(textOf(el));
        continue;
      }
      flushRun();
      walk(el.children);
      flushRun();
    }
  };
  walk(root.children);
  flushRun();
  return blocks;
}

/** Text of a block with `<br>` kept as line breaks. */
function blockText(el: Element): string {
  let text = '';
  const stack: AnyNode[] = [...el.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'text') text += node.data;
    else if (node.type === 'tag' && node.tagName === 'br') text += '\n';
    else if ('children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }
  return text.split('\n').map(cleanText).filter(Boolean).join('\n');
}
