// Language from the text itself: CMS templates often carry a wrong lang
// attribute (Persian sites with lang="ar" or "en" left from a theme), so the
// declared value only breaks ties or covers what we do not score.
//
// One linear pass over at most SCAN_LIMIT characters counts letters per script;
// for Arabic-script text, each word votes fa or ar. Weights: function words
// are the strongest evidence (2), letters that exist in only one language
// count 1, and the yeh/kaf code points count only 0.5 because they reveal the
// keyboard rather than the language (old Persian sites type ي/ك; Arabic
// desks in Iran type ی/ک).

import { isArabicLetter, isArabicMarkOrTatweel, toPersianLetters } from './arabic-chars.js';

/** A long body is not more certain than its first 20k characters; bounds the cost per article. */
const SCAN_LIMIT = 20_000;

const FUNCTION_WORD_WEIGHT = 2;
const EXCLUSIVE_LETTER_WEIGHT = 1;
const KEYBOARD_LETTER_WEIGHT = 0.5;

/** Compared after ي/ى/ك → ی/ک, since Persian text typed on Arabic keyboards is still Persian. */
const PERSIAN_FUNCTION_WORDS = new Set(
  'است این که را از در با برای می نمی تا شد شده بود یک خود نیز های ها اند شود کند وی'.split(' '),
);
/**
 * Compared verbatim; the ی/ک spellings of Arabic words are listed explicitly where they are not also
 * Persian words (علی is the Persian name Ali, so only على counts). من is also Persian "I", hence weight 1.
 */
const ARABIC_FUNCTION_WORDS = new Map<string, number>([
  ...'في فی على إلى الى إلی الی عن الذي الذی التي التی الذين الذین هذا هذه ذلك ذلک تلك تلک كان کان كانت کانت قد مع أن إن لم لن ثم حيث حیث وفي وفی'
    .split(' ')
    .map((w): [string, number] => [w, FUNCTION_WORD_WEIGHT]),
  ['من', 1],
]);

/** Latin-script languages a `declared` value may name for Latin text; anything else on Latin text → en. */
const LATIN_SCRIPT_LANGUAGES = new Set(
  (
    'en fr de es it pt nl tr az sv da no nb nn fi pl cs sk sl hr bs sr ro hu ' +
    'id ms vi ca eu gl et lv lt sq tk uz ku sw tl is ga cy mt af la eo'
  ).split(' '),
);
/**
 * Arabic-script languages we do not score; when declared on Arabic-script text they are trusted.
 * (Kurdish is in both lists: Kurmanji is written in Latin, Sorani in Arabic script.)
 */
const OTHER_ARABIC_SCRIPT_LANGUAGES = new Set(['ur', 'ps', 'ku', 'sd', 'ug', 'ks']);

const LETTER = /\p{L}/u;

interface Tally {
  arabicScript: number;
  latin: number;
  other: number;
  fa: number;
  ar: number;
}

/**
 * ISO 639-1 code from the text itself; `declared` (the page's lang attribute) only breaks ties or
 * covers scripts we do not score. Always returns two lower-case letters (the article contract).
 */
export function detectLanguage(text: string, declared?: string | null): string {
  const hint = twoLetterCode(declared);
  const t = tally(text);

  if (t.arabicScript > 0 && t.arabicScript >= t.latin && t.arabicScript >= t.other) {
    if (hint !== null && OTHER_ARABIC_SCRIPT_LANGUAGES.has(hint)) return hint;
    if (t.fa > t.ar) return 'fa';
    if (t.ar > t.fa) return 'ar';
    return hint === 'ar' ? 'ar' : 'fa';
  }
  if (t.latin > 0 && t.latin >= t.other) {
    return hint !== null && LATIN_SCRIPT_LANGUAGES.has(hint) ? hint : 'en';
  }
  // Another script (Cyrillic, CJK, …) or no letters at all: the page's word is all we have.
  return hint ?? 'en';
}

function twoLetterCode(declared: string | null | undefined): string | null {
  const match = declared ? /^\s*([a-z]{2})(?![a-z])/i.exec(declared) : null;
  return match ? match[1]!.toLowerCase() : null;
}

function tally(text: string): Tally {
  const t: Tally = { arabicScript: 0, latin: 0, other: 0, fa: 0, ar: 0 };
  const end = Math.min(text.length, SCAN_LIMIT);
  let word = '';
  let previousDigit: 'fa' | 'ar' | null = null;

  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (isArabicMarkOrTatweel(code)) continue; // inside a word; must not split it
    if (isArabicLetter(code)) {
      t.arabicScript++;
      word += text[i];
      previousDigit = null;
      continue;
    }
    if (word) {
      scoreArabicWord(word, t);
      word = '';
    }
    const digit = code >= 0x06f0 && code <= 0x06f9 ? 'fa' : code >= 0x0660 && code <= 0x0669 ? 'ar' : null;
    if (digit) {
      // Digit set is a weak hint: one vote per run of digits, not per digit.
      t.arabicScript++;
      if (digit !== previousDigit) t[digit] += KEYBOARD_LETTER_WEIGHT;
      previousDigit = digit;
      continue;
    }
    previousDigit = null;
    if (isLatinLetter(code)) {
      t.latin++;
    } else if (code >= 0x80) {
      const cp = text.codePointAt(i)!;
      if (LETTER.test(String.fromCodePoint(cp))) t.other++;
      if (cp > 0xffff) i++;
    }
  }
  if (word) scoreArabicWord(word, t);
  return t;
}

function isLatinLetter(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) ||
    (code >= 0x1e00 && code <= 0x1eff)
  );
}

function scoreArabicWord(word: string, t: Tally): void {
  if (/[\u067E\u0686\u0698\u06AF]/.test(word)) t.fa += EXCLUSIVE_LETTER_WEIGHT; // پ چ ژ گ
  if (/[\u06CC\u06A9]/.test(word)) t.fa += KEYBOARD_LETTER_WEIGHT; // Persian ی ک
  if (/\u0629/.test(word)) t.ar += EXCLUSIVE_LETTER_WEIGHT; // ة
  if (/[\u064A\u0649\u0643]/.test(word)) t.ar += KEYBOARD_LETTER_WEIGHT; // ي ى ك
  if (word.length >= 4 && word.startsWith('\u0627\u0644')) t.ar += EXCLUSIVE_LETTER_WEIGHT; // ال…

  t.ar += ARABIC_FUNCTION_WORDS.get(word) ?? 0;
  if (PERSIAN_FUNCTION_WORDS.has(toPersianLetters(word))) t.fa += FUNCTION_WORD_WEIGHT;
}
