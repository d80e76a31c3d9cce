// Words and the stretches of text phrases may span. A phrase never crosses
// punctuation (، . : « » ( ) …), so a sentence end or a quote ends it.
//
// A word joined by ZWNJ (نخست‌وزیر, رئیس‌جمهور) stays whole in the text, but is
// read as its parts, each marked as glued to the one before. The same compound
// is written with a ZWNJ, a space or nothing, and only as parts do نخست‌وزیر
// and نخست وزیر make the same n-grams, so that they score alike and teach the
// background alike; a phrase's name glues the parts back with their ZWNJ.

import { ARABIC_SCRIPT_LETTER } from './script.js';
import { isCompoundHead, isStopword } from './stopwords.js';
import { topicKey } from './topic-key.js';

export interface Token {
  /** As written, without the joiner before it. */
  text: string;
  /** Its {@link topicKey}. */
  key: string;
  /** Joined to the previous token by a ZWNJ (part of one written word). */
  glued: boolean;
  /** May neither start nor end a phrase (see {@link isStopword}). */
  stop: boolean;
  /** May start a phrase but not end one (نخست in نخست‌وزیر: never a topic alone). */
  head: boolean;
  /** The key begins with an Arabic-script letter. */
  arabicStart: boolean;
  /** The key ends with an Arabic-script letter. */
  arabicEnd: boolean;
}

type Part = Omit<Token, 'text' | 'glued'>;

// A written word: letters, marks and digits, possibly joined by ZWNJ/ZWJ
// (می‌شود, کتاب‌ها, نخست‌وزیر). White space separates words; anything else
// (punctuation, symbols) also ends the stretch. Text is scanned by hand rather
// than with split/matchAll on Unicode-property regexes: those were most of the
// extraction's time (~5 ms per article on a loaded machine).
const enum Kind {
  Word,
  Joiner,
  Space,
  Break,
}
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const SPACE_CHAR = /\s/u;
const kindCache = new Map<number, Kind>();

function kindOf(code: number): Kind {
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39)) {
      return Kind.Word;
    }
    return code === 0x20 || (code >= 0x09 && code <= 0x0d) ? Kind.Space : Kind.Break;
  }
  if (code === 0x200c || code === 0x200d) return Kind.Joiner;
  let kind = kindCache.get(code);
  if (kind === undefined) {
    const char = String.fromCodePoint(code);
    kind = WORD_CHAR.test(char) ? Kind.Word : SPACE_CHAR.test(char) ? Kind.Space : Kind.Break;
    kindCache.set(code, kind);
  }
  return kind;
}

// می‌/نمی‌ written with a ZWNJ marks a verb (می‌گوید, نمی‌شود): all its parts are
// stopwords. Without a ZWNJ the same letters begin nouns (میدان, میلیون).
const VERB_PREFIXES = new Set(['می', 'نمی']);

// Part keys repeat heavily across articles (a few thousand words make most of
// the news), and normalization is the dearest step of extraction: remember them.
const CACHE_LIMIT = 50_000;
const partCache = new Map<string, Part>();
const ARABIC_SCRIPT = new RegExp(ARABIC_SCRIPT_LETTER, 'u');

function part(text: string): Part {
  let cached = partCache.get(text);
  if (cached === undefined) {
    if (partCache.size >= CACHE_LIMIT) partCache.clear();
    const key = topicKey(text);
    cached = {
      key,
      stop: isStopword(key),
      head: isCompoundHead(key),
      arabicStart: ARABIC_SCRIPT.test(key.charAt(0)),
      arabicEnd: ARABIC_SCRIPT.test(key.charAt(key.length - 1)),
    };
    partCache.set(text, cached);
  }
  return cached;
}

/** The text's punctuation-free stretches, each as its tokens; tokens with an empty key are left out. */
export function tokenStretches(text: string): Token[][] {
  const stretches: Token[][] = [];
  let tokens: Token[] = [];
  let partStart = -1; // index where the current part began, -1 outside a part
  let inWord = false; // a part of the current word has ended at a joiner
  let wordStart = 0; // index in `tokens` of the current word's first part
  let verb = false;

  const endPart = (end: number, atJoiner: boolean) => {
    if (partStart < 0) return;
    const written = text.slice(partStart, end);
    const found = part(written);
    const first = !inWord;
    if (first) {
      wordStart = tokens.length;
      verb = atJoiner && VERB_PREFIXES.has(written);
    }
    if (found.key) {
      tokens.push({
        text: written,
        key: found.key,
        glued: !first && tokens.length > wordStart,
        stop: found.stop || verb,
        head: found.head,
        arabicStart: found.arabicStart,
        arabicEnd: found.arabicEnd,
      });
    }
    partStart = -1;
    inWord = atJoiner;
  };
  const endStretch = () => {
    if (tokens.length > 0) stretches.push(tokens);
    tokens = [];
  };

  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    switch (kindOf(code)) {
      case Kind.Word:
        if (partStart < 0) partStart = i;
        break;
      case Kind.Joiner:
        if (partStart >= 0) endPart(i, true);
        break;
      case Kind.Space:
        endPart(i, false);
        inWord = false;
        break;
      case Kind.Break:
        endPart(i, false);
        inWord = false;
        endStretch();
        break;
    }
    i += width;
  }
  endPart(text.length, false);
  endStretch();
  return stretches;
}

/** How consecutive tokens are written: glued ones with a ZWNJ, the others with a space. */
export function joinTexts(tokens: readonly Token[]): string {
  return tokens.map((t, i) => (i === 0 ? '' : t.glued ? '\u200C' : ' ') + t.text).join('');
}

/**
 * What goes between two consecutive tokens in the {@link topicKey} of a phrase: nothing between
 * glued tokens (the ZWNJ is dropped) or two Arabic-script letters, a space otherwise.
 */
export function keyGlue(
  before: Pick<Token, 'arabicEnd'>,
  after: Pick<Token, 'glued' | 'arabicStart'>,
): string {
  return after.glued || (before.arabicEnd && after.arabicStart) ? '' : ' ';
}

/** The {@link topicKey} of consecutive tokens, built from their keys without normalizing again. */
export function joinKeys(tokens: readonly Token[]): string {
  let joined = tokens[0]?.key ?? '';
  for (let i = 1; i < tokens.length; i++) joined += keyGlue(tokens[i - 1], tokens[i]) + tokens[i].key;
  return joined;
}
