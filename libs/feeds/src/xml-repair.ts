/**
 * Repairs of the mistakes real feeds make that a strict XML parser rejects.
 * Used only after the strict parse failed, so a well-formed feed is never
 * rewritten.
 */

/** The five entities XML defines; the parser also knows HTML's, but a repaired text must not rely on that. */
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * HTML entities seen in Persian and English news feeds, as code points. A
 * name missing here is kept as literal text (`&amp;name;`) rather than
 * guessed.
 */
const HTML_ENTITIES: Record<string, number> = {
  nbsp: 0xa0,
  zwnj: 0x200c,
  zwj: 0x200d,
  lrm: 0x200e,
  rlm: 0x200f,
  shy: 0xad,
  laquo: 0xab,
  raquo: 0xbb,
  lsaquo: 0x2039,
  rsaquo: 0x203a,
  lsquo: 0x2018,
  rsquo: 0x2019,
  sbquo: 0x201a,
  ldquo: 0x201c,
  rdquo: 0x201d,
  bdquo: 0x201e,
  ndash: 0x2013,
  mdash: 0x2014,
  hellip: 0x2026,
  bull: 0x2022,
  middot: 0xb7,
  copy: 0xa9,
  reg: 0xae,
  trade: 0x2122,
  deg: 0xb0,
  times: 0xd7,
  divide: 0xf7,
  euro: 0x20ac,
  pound: 0xa3,
  yen: 0xa5,
  cent: 0xa2,
  sect: 0xa7,
  para: 0xb6,
  iexcl: 0xa1,
  iquest: 0xbf,
  eacute: 0xe9,
  egrave: 0xe8,
  aacute: 0xe1,
  agrave: 0xe0,
  ccedil: 0xe7,
  ouml: 0xf6,
  uuml: 0xfc,
  auml: 0xe4,
  szlig: 0xdf,
};

/** Characters XML 1.0 forbids outright (C0 controls other than tab, newline, carriage return). */
// eslint-disable-next-line no-control-regex
const ILLEGAL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** An `&` and what follows it, up to a `;` within a plausible entity length. */
const AMPERSAND = /&(#[0-9]{1,7};|#x[0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)?/g;

/** Strips what real sites put before the XML: BOMs and whitespace. */
export function trimProlog(text: string): string {
  return text.replace(/^[\uFEFF\s]+/, '');
}

/**
 * Returns the text with: BOMs and whitespace before the prolog removed,
 * illegal control characters dropped, HTML entities turned into numeric
 * references, and every `&` that starts no valid reference escaped. Markup
 * is left alone: an unclosed tag stays an error.
 */
export function repairXml(text: string): string {
  return trimProlog(text)
    .replace(ILLEGAL_CHARS, '')
    .replace(AMPERSAND, (_match, ref: string | undefined) => {
      if (!ref) return '&amp;';
      if (ref.startsWith('#')) return isValidCodePoint(ref) ? `&${ref}` : `&amp;${ref}`;
      const name = ref.slice(0, -1);
      if (XML_ENTITIES.has(name)) return `&${ref}`;
      const code = HTML_ENTITIES[name];
      return code === undefined ? `&amp;${ref}` : `&#${code};`;
    });
}

function isValidCodePoint(ref: string): boolean {
  const code = ref.startsWith('#x') ? parseInt(ref.slice(2, -1), 16) : parseInt(ref.slice(1, -1), 10);
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0x10ffff);
}
