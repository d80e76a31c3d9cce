// Character classes shared by the search normalizer, the date scanner and the
// language detector, kept in one place so that they agree on what a letter, a
// mark or an invisible separator is. Strings are regex-class bodies (no []).

/**
 * Invisible format characters that only affect rendering: ZWNJ (U+200C), ZWJ
 * (U+200D), zero-width space (U+200B), LRM/RLM (U+200E/F), Arabic letter mark
 * (U+061C), bidi embeddings/isolates, word joiner, soft hyphen and BOM (U+FEFF).
 * Persian editors insert them inconsistently, so two spellings of one word often
 * differ only here.
 */
export const INVISIBLE_CLASS =
  '\\u00AD\\u061C\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF';

/** Tatweel (U+0640): a pure elongation glyph, never meaningful. */
export const TATWEEL = '\\u0640';

/**
 * Arabic diacritics (harakat U+064B–U+065F, superscript alef U+0670) plus the
 * Quranic annotation marks (U+0610–U+061A, U+06D6–U+06DC, U+06DF–U+06E4,
 * U+06E7–U+06E8, U+06EA–U+06ED) seen in quoted verses. Optional in writing, so
 * they must not split a match.
 */
export const ARABIC_MARK_CLASS =
  '\\u0610-\\u061A\\u064B-\\u065F\\u0670\\u06D6-\\u06DC\\u06DF-\\u06E4\\u06E7\\u06E8\\u06EA-\\u06ED';

/** Arabic-script letters (base block, supplement, extended-A); excludes digits, punctuation, marks and tatweel. */
export const ARABIC_LETTER_CLASS =
  '\\u0620-\\u063F\\u0641-\\u064A\\u066E\\u066F\\u0671-\\u06D3\\u06D5\\u06EE\\u06EF\\u06FA-\\u06FC\\u06FF\\u0750-\\u077F\\u08A0-\\u08C9';

export function isArabicLetter(code: number): boolean {
  return (
    (code >= 0x0620 && code <= 0x064a && code !== 0x0640) ||
    code === 0x066e ||
    code === 0x066f ||
    (code >= 0x0671 && code <= 0x06d3) ||
    code === 0x06d5 ||
    code === 0x06ee ||
    code === 0x06ef ||
    (code >= 0x06fa && code <= 0x06fc) ||
    code === 0x06ff ||
    (code >= 0x0750 && code <= 0x077f) ||
    (code >= 0x08a0 && code <= 0x08c9) ||
    // Presentation forms: legacy PDFs and old sites; letters for scoring purposes.
    (code >= 0xfb50 && code <= 0xfdff) ||
    (code >= 0xfe70 && code <= 0xfefc)
  );
}

export function isArabicMarkOrTatweel(code: number): boolean {
  return (
    code === 0x0640 ||
    (code >= 0x0610 && code <= 0x061a) ||
    (code >= 0x064b && code <= 0x065f) ||
    code === 0x0670 ||
    (code >= 0x06d6 && code <= 0x06dc) ||
    (code >= 0x06df && code <= 0x06e4) ||
    code === 0x06e7 ||
    code === 0x06e8 ||
    (code >= 0x06ea && code <= 0x06ed)
  );
}

/** Arabic yeh (ي), alef maksura (ى) and kaf (ك) → Persian ی and ک; the spellings Arabic keyboards produce. */
export const YEH_KAF_TO_PERSIAN: Readonly<Record<string, string>> = {
  '\u064A': '\u06CC',
  '\u0649': '\u06CC',
  '\u0643': '\u06A9',
};

/** The text with Arabic ي, ى and ك written as Persian ی and ک; nothing else changes (ZWNJ, digits, spaces). */
export function toPersianLetters(text: string): string {
  return text.replace(/[\u064A\u0649\u0643]/g, (c) => YEH_KAF_TO_PERSIAN[c] ?? c);
}
