import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { feedUrlProblem, MAX_TITLE_LENGTH } from './feed-url.js';

/** One feed of an OPML document. */
export interface OpmlFeed {
  url: string;
  title: string | null;
}

export interface OpmlContent {
  feeds: OpmlFeed[];
  /** Outlines that name a feed URL we cannot poll, with the reason. */
  invalid: { url: string; reason: string }[];
}

/** The document as a whole is not OPML we can read. */
export class OpmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpmlError';
  }
}

type Outline = Record<string, unknown> & { outline?: Outline[] };

// Entities are decoded by `decodeXmlText` below, never by the parser: with
// DOCTYPEs refused there are no custom entities, hence no expansion bombs,
// and no external entity is ever fetched (the parser never fetches anyway).
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => name === 'outline',
  processEntities: false,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
});

/**
 * The feeds of an OPML 1.0/2.0 subscription list: every `<outline>` with an
 * `xmlUrl`, however deeply nested in category outlines. Category outlines
 * (no `xmlUrl`) are walked, not reported; a feed listed twice counts once.
 */
export function parseOpml(text: string): OpmlContent {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new OpmlError('OPML with a DOCTYPE or entity declarations is refused');
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new OpmlError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  const doc = parser.parse(text) as { opml?: { body?: { outline?: Outline[] } | string } };
  if (!doc.opml || typeof doc.opml !== 'object')
    throw new OpmlError('not OPML: the root element is not <opml>');
  const body = doc.opml.body;
  if (body === undefined) throw new OpmlError('not OPML: <opml> has no <body>');
  const content: OpmlContent = { feeds: [], invalid: [] };
  const seen = new Set<string>();
  // Depth-first without recursion: nesting depth is the sender's to choose.
  const stack: Outline[] = typeof body === 'object' ? [...(body.outline ?? [])].reverse() : [];
  while (stack.length > 0) {
    const outline = stack.pop() as Outline;
    stack.push(...[...(outline.outline ?? [])].reverse());
    const rawUrl = attribute(outline, 'xmlUrl');
    if (rawUrl === null) continue;
    const url = decodeXmlText(rawUrl).trim();
    const problem = url ? feedUrlProblem(url) : 'empty xmlUrl';
    if (problem) {
      content.invalid.push({ url: url.slice(0, 300), reason: problem });
      continue;
    }
    if (seen.has(url)) continue;
    seen.add(url);
    const title = cleanTitle(attribute(outline, 'title') ?? attribute(outline, 'text'));
    // An untitled feed is exported with its URL as text (OPML requires one): still untitled.
    content.feeds.push({ url, title: title === url ? null : title });
  }
  return content;
}

/** An attribute of an outline, its name matched case-insensitively (`xmlurl` is common). */
function attribute(outline: Outline, name: string): string | null {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(outline)) {
    if (key.toLowerCase() === lower && typeof value === 'string') return value;
  }
  return null;
}

const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]+/g; // eslint-disable-line no-control-regex

function cleanTitle(raw: string | null): string | null {
  if (raw === null) return null;
  const title = decodeXmlText(raw).replace(CONTROL_CHARACTERS, ' ').trim();
  return title ? title.slice(0, MAX_TITLE_LENGTH) : null;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's five predefined entities and character references, decoded in one pass (so `&amp;lt;` stays `&lt;`). */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0x10ffff);
    return allowed && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/** Text for an XML attribute value: markup characters escaped, characters XML cannot carry dropped. */
export function escapeXmlAttribute(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Kept as references, or an XML parser would normalize them to spaces.
      .replace(/\t/g, '&#9;')
      .replace(/\n/g, '&#10;')
      .replace(/\r/g, '&#13;')
  );
}

/** An OPML 2.0 subscription list of `feeds`, which `parseOpml` reads back as the same feeds and titles. */
export function buildOpml(feeds: OpmlFeed[], title: string, created: Date): string {
  const outlines = feeds.map((feed) => {
    const url = escapeXmlAttribute(feed.url);
    if (feed.title === null) return `    <outline type="rss" text="${url}" xmlUrl="${url}"/>`;
    const name = escapeXmlAttribute(feed.title);
    return `    <outline type="rss" text="${name}" title="${name}" xmlUrl="${url}"/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXmlAttribute(title)}</title>`,
    `    <dateCreated>${created.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
