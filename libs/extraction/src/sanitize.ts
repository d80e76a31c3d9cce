import { load } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { BodyBlock } from './main-content.js';
import { absoluteHttpUrl } from './url.js';

/**
 * The article HTML we publish is written from the page's already-parsed DOM
 * by an allowlist walk, not serialized and re-parsed by a sanitizer (that
 * round trip was an eighth of the extractor's time). The walk emits only the
 * tags below and, of attributes, only a link's `href` and an image's `src`
 * and `alt`; URLs must resolve to http(s) and are made absolute. Every text
 * and attribute value is escaped, so no markup can come out of the page's text.
 */
const ALLOWED_TAGS = new Set([
  'p',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'li',
  'a',
  'strong',
  'b',
  'em',
  'i',
  'u',
  'br',
  'figure',
  'figcaption',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'sup',
  'sub',
]);
/** Written as `<br />`, never closed. */
const VOID_TAGS = new Set(['br', 'img']);
/**
 * Elements whose content is code, styling or form state rather than text: dropped whole, where
 * any other element outside the allowlist gives way to its content.
 */
const DROPPED_WITH_CONTENT = new Set([
  'script',
  'style',
  'textarea',
  'option',
  'xmp',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
]);

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

function openingTag(el: Element, name: string, baseUrl: string): string {
  let tag = `<${name}`;
  for (const [attribute, value] of Object.entries(el.attribs)) {
    if (name === 'a' && attribute === 'href') {
      const url = absoluteHttpUrl(value, baseUrl);
      if (url) tag += ` href="${escapeAttribute(url)}"`;
    } else if (name === 'img' && attribute === 'src') {
      const url = absoluteHttpUrl(value, baseUrl);
      if (url) tag += ` src="${escapeAttribute(url)}"`;
    } else if (name === 'img' && attribute === 'alt') {
      tag += ` alt="${escapeAttribute(value)}"`;
    }
  }
  return VOID_TAGS.has(name) ? `${tag} />` : `${tag}>`;
}

/**
 * Safe HTML of DOM nodes (an element with its subtree, or loose nodes). No
 * recursion: a hostile page may nest deeper than the call stack.
 */
export function serializeSafeHtml(nodes: readonly AnyNode[], baseUrl: string): string {
  let html = '';
  // A string on the stack is a closing tag to write once the element's children are done.
  const stack: (AnyNode | string)[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode | string;
    if (typeof node === 'string') {
      html += node;
      continue;
    }
    if (node.type === 'text') {
      html += escapeText(node.data);
      continue;
    }
    // Comments, directives and CDATA never reach the output; script and style are their own types.
    if (node.type !== 'tag') continue;
    const el = node as Element;
    const name = el.tagName.toLowerCase();
    if (DROPPED_WITH_CONTENT.has(name)) continue;
    const allowed = ALLOWED_TAGS.has(name);
    if (allowed) {
      html += openingTag(el, name, baseUrl);
      if (VOID_TAGS.has(name)) continue;
      stack.push(`</${name}>`);
    }
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
  }
  return html;
}

/**
 * Article HTML safe to show anywhere: structure and images only; no script,
 * style, event handler, iframe or `javascript:` URL survives, and relative
 * links are made absolute against the page URL.
 */
export function sanitizeArticleHtml(html: string, baseUrl: string): string {
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } }, false);
  return serializeSafeHtml($.root().get(0)?.children ?? [], baseUrl).trim();
}

/**
 * The body's HTML from its blocks: each element written out safely, loose lines as paragraphs
 * of their escaped text, one block per line.
 */
export function bodyHtmlOf(blocks: readonly BodyBlock[], baseUrl: string): string {
  return blocks
    .map((b) =>
      b.source === 'line'
        ? `<p>${escapeText(b.text)}</p>`
        : b.source
          ? serializeSafeHtml([b.source], baseUrl)
          : '',
    )
    .join('\n')
    .trim();
}
