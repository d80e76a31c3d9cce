// Search normalization folds the many ways the same Persian word is typed
// (Arabic vs Persian yeh/kaf, ZWNJ vs space vs nothing, diacritics, digit sets)
// into one key. It is lossy on purpose — it merges spellings a reader would
// distinguish — so its output is for search indexes, topics and dedup keys only,
// never for text that is displayed or stored as the article.

import {
  ARABIC_LETTER_CLASS,
  ARABIC_MARK_CLASS,
  INVISIBLE_CLASS,
  TATWEEL,
  YEH_KAF_TO_PERSIAN,
} from './arabic-chars.js';
import { toAsciiDigits } from './digits.js';

/** Letters folded to one Persian form; everything not listed here (and not below) passes through. */
const LETTER_MAP: Readonly<Record<string, string>> = {
  ...YEH_KAF_TO_PERSIAN,
  '\u0629': '\u0647', // ة teh marbuta → ه (Persian writes Arabic loanwords with ه)
  '\u06C0': '\u0647', // ۀ heh with yeh (ezafe) → ه, so خانۀ and خانه match
  '\u0623': '\u0627', // أ → ا
  '\u0625': '\u0627', // إ → ا
  '\u0671': '\u0627', // ٱ alef wasla → ا
  // آ is deliberately kept: Persian spells it consistently and آ vs ا separates words.
  // ە (U+06D5) is kept: it is a distinct Kurdish letter, not a variant of ه.
};

const LETTERS_TO_FOLD = new RegExp(`[${Object.keys(LETTER_MAP).join('')}]`, 'g');
// Compatibility presentation forms from legacy PDFs/encodings; NFKC on these
// ranges only (whole-string NFKC would also rewrite Latin, CJK, … characters).
const PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFC]+/g;
// Decomposed آ (alef + combining maddah) must be composed before marks are
// stripped, or it would silently turn into ا.
const DECOMPOSED_ALEF_MADDA = /\u0627\u0653/g;
const DROPPED = new RegExp(`[${INVISIBLE_CLASS}${TATWEEL}${ARABIC_MARK_CLASS}]+`, 'g');
// U+00AC NOT SIGN stands in for ZWNJ in text from some old Persian encodings.
// Only between two Arabic-script letters, so "¬p" in Latin text survives.
const NOT_SIGN_AS_ZWNJ = new RegExp(`(?<=[${ARABIC_LETTER_CLASS}])\\u00AC+(?=[${ARABIC_LETTER_CLASS}])`, 'g');
const WHITESPACE_RUN = /\s+/g;

const WORD_CHAR = '\\p{L}\\p{M}\\p{N}';
// A free-standing می/نمی prefix written with a space: join it to the verb
// (می شود → میشود, the same key as می‌شود and میشود after ZWNJ removal).
const SPACED_PREFIX = new RegExp(`(?<![${WORD_CHAR}])(ن?می) (?=[${ARABIC_LETTER_CLASS}])`, 'gu');
// Plural/comparative suffixes written with a space: join to the word before
// (کتاب ها → کتابها, بزرگ ترین → بزرگترین). The suffix must end the token, so
// names such as هاشم or words such as ترکیه are never glued.
const SPACED_SUFFIX = new RegExp(
  `(?<=[${ARABIC_LETTER_CLASS}]) (?=(?:ها|های|هایی|تر|ترین)(?![${WORD_CHAR}]))`,
  'gu',
);

/**
 * Search key for Persian (and mixed) text. For search indexes, topics and dedup ONLY — never for
 * displayed/stored text.
 *
 * - ي ى → ی, ك → ک, ة ۀ → ه, أ إ ٱ → ا (آ kept), Arabic presentation forms → base letters
 * - Persian/Arabic-Indic digits → ASCII
 * - tatweel, diacritics and invisible format characters (ZWNJ, ZWJ, ZWSP, BOM, bidi marks, soft
 *   hyphen; U+00AC between Arabic letters) removed — ZWNJ becomes *nothing*, so نخست‌وزیر → نخستوزیر
 * - separated می/نمی prefixes and ها/های/هایی/تر/ترین suffixes joined to their word
 * - whitespace collapsed to one space and trimmed; letters lower-cased
 *
 * Idempotent. A space between two whole words is kept; use {@link compactForSearch} to match
 * `نخست وزیر` against `نخستوزیر`.
 */
export function normalizeForSearch(text: string): string {
  let s = foldCharacters(text).replace(WHITESPACE_RUN, ' ').trim();
  s = s.replace(SPACED_PREFIX, '$1');
  s = s.replace(SPACED_SUFFIX, '');
  return s.toLowerCase();
}

/**
 * {@link normalizeForSearch} with every space removed as well. Compound words are written with a
 * space, a ZWNJ or nothing (نخست وزیر / نخست‌وزیر / نخستوزیر); all three compact to نخستوزیر, so a
 * compact query is a substring of the compact document whichever spelling either side used.
 *
 * Computed without the spacing rules, which only ever remove spaces that go anyway: storage
 * compacts every article's whole text, and skipping them saves about 40% of that (90 → 55 µs for
 * a bench article of 2,200 characters).
 */
export function compactForSearch(text: string): string {
  // Lower-cased before the spaces go: a Greek Σ ending a word lower-cases to ς, inside one to σ.
  return foldCharacters(text).toLowerCase().replace(WHITESPACE_RUN, '');
}

/** The character-level folds of {@link normalizeForSearch}: everything but spacing and case. */
function foldCharacters(text: string): string {
  let s = text.replace(PRESENTATION_FORMS, (run) => run.normalize('NFKC'));
  s = s.replace(DECOMPOSED_ALEF_MADDA, '\u0622');
  s = s.replace(DROPPED, '');
  s = s.replace(LETTERS_TO_FOLD, (c) => LETTER_MAP[c] ?? c);
  s = toAsciiDigits(s);
  return s.replace(NOT_SIGN_AS_ZWNJ, '');
}

/**
 * The keys storage should index/query: `[normalized, compact]`, or just `[normalized]` when they are
 * equal. Index the normalized form for word/full-text search and the compact form for substring
 * (trigram) search; query both and union the hits.
 */
export function searchVariants(text: string): string[] {
  const normalized = normalizeForSearch(text);
  const compact = normalized.replaceAll(' ', '');
  return compact === normalized ? [normalized] : [normalized, compact];
}
