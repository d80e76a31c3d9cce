import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { toPersianLetters } from './arabic-chars.js';
import { compactForSearch, normalizeForSearch, searchVariants } from './normalize.js';

const ZWNJ = '\u200C';

/** Strings built from the characters and affixes the normalization treats specially. */
const tricky = fc.string({
  unit: fc.constantFrom(
    ...[
      ' ',
      '\n',
      ZWNJ,
      '\u200D',
      '\u00AC',
      '\uFEFF',
      '\u0640',
      '\u064E',
      '\u0653',
      'A',
      'a',
      'İ',
      'Σ',
      '1',
      '۱',
      '٢',
    ],
    ...['ی', 'ي', 'ى', 'ک', 'ك', 'ة', 'ۀ', 'ه', 'ا', 'أ', 'آ', 'م', 'ن', 'ت', 'ر', 'ب', 'ش', 'ز'],
    ...['می', 'نمی', 'ها', 'های', 'تر', 'ترین', ' می ', ' ها ', '\uFEDB', '\uFE70'],
  ),
});

describe('normalizeForSearch', () => {
  it('folds Arabic yeh and kaf into Persian ی and ک', () => {
    expect(normalizeForSearch('پزشكيان')).toBe(normalizeForSearch('پزشکیان'));
    expect(normalizeForSearch('پزشكيان')).toBe('پزشکیان');
    expect(normalizeForSearch('مصطفى')).toBe('مصطفی');
  });

  it('folds ة and ۀ to ه, أ إ ٱ to ا, and keeps آ', () => {
    expect(normalizeForSearch('مدرسة')).toBe('مدرسه');
    expect(normalizeForSearch('خانۀ')).toBe('خانه');
    expect(normalizeForSearch('أحمد إبراهیم ٱلله')).toBe('احمد ابراهیم الله');
    expect(normalizeForSearch('آب')).toBe('آب');
    expect(normalizeForSearch('\u0627\u0653ب')).toBe('آب'); // decomposed آ
  });

  it('turns Persian and Arabic-Indic digits into ASCII', () => {
    expect(normalizeForSearch('۱۴۰۴ و ٢٠٢٥')).toBe('1404 و 2025');
  });

  it('removes tatweel, diacritics and invisible marks', () => {
    expect(normalizeForSearch('مُحَمَّد')).toBe('محمد');
    expect(normalizeForSearch('ســـلام')).toBe('سلام');
    expect(normalizeForSearch('\uFEFFسلام\u200F\u200B')).toBe('سلام');
  });

  it('removes ZWNJ entirely, so ZWNJ and no-space spellings meet', () => {
    expect(normalizeForSearch(`نخست${ZWNJ}وزیر`)).toBe('نخستوزیر');
    expect(normalizeForSearch('نخستوزیر')).toBe('نخستوزیر');
    expect(normalizeForSearch('نخست\u200Dوزیر')).toBe('نخستوزیر'); // ZWJ
    expect(normalizeForSearch('نخست\u00ACوزیر')).toBe('نخستوزیر'); // NOT SIGN from old encodings
  });

  it('keeps U+00AC outside Arabic-script words', () => {
    expect(normalizeForSearch('a¬b ¬')).toBe('a¬b ¬');
  });

  it('gives one key for the three spellings of the می prefix', () => {
    const keys = ['می شود', `می${ZWNJ}شود`, 'میشود'].map(normalizeForSearch);
    expect(keys).toEqual(['میشود', 'میشود', 'میشود']);
    expect(normalizeForSearch('نمی شود')).toBe(normalizeForSearch(`نمی${ZWNJ}شود`));
    expect(normalizeForSearch('او می رود')).toBe('او میرود');
  });

  it('joins spaced plural and comparative suffixes', () => {
    expect(normalizeForSearch('کتاب ها')).toBe('کتابها');
    expect(normalizeForSearch(`کتاب${ZWNJ}ها`)).toBe('کتابها');
    expect(normalizeForSearch('کتاب های خوب')).toBe(normalizeForSearch(`کتاب${ZWNJ}های خوب`));
    expect(normalizeForSearch('بزرگ تر')).toBe(normalizeForSearch(`بزرگ${ZWNJ}تر`));
    expect(normalizeForSearch('بزرگ ترین')).toBe('بزرگترین');
    expect(normalizeForSearch(`بزرگ${ZWNJ}ترین`)).toBe('بزرگترین');
  });

  it('does not glue words that merely start like an affix', () => {
    expect(normalizeForSearch('سفر ترکیه')).toBe('سفر ترکیه');
    expect(normalizeForSearch('آقای هاشمی')).toBe('آقای هاشمی');
    expect(normalizeForSearch('میدان آزادی')).toBe('میدان آزادی');
    expect(normalizeForSearch('سمی شد')).toBe('سمی شد');
  });

  it('collapses whitespace, trims and lower-cases Latin', () => {
    expect(normalizeForSearch('  Hello\n\t WORLD\u00A0 ایران ')).toBe('hello world ایران');
  });

  it('maps Arabic presentation forms to base letters', () => {
    expect(normalizeForSearch('\uFEDB\uFE98\uFE8E\uFE8F')).toBe('کتاب');
  });

  it('is idempotent', () => {
    for (const arb of [tricky, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })]) {
      fc.assert(
        fc.property(arb, (s) => {
          const once = normalizeForSearch(s);
          expect(normalizeForSearch(once)).toBe(once);
        }),
        { numRuns: 500 },
      );
    }
  });

  it('never changes a string made only of characters outside its mapping', () => {
    const untouched = fc.oneof(
      fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789.,;:!?()[]{}«»"\'-_/@#%&*+=،؛؟'.split('')),
      fc.constantFrom(...'ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآئؤء'.split('')), // Persian letters are already canonical
      fc.integer({ min: 0x4e00, max: 0x9fff }).map((cp) => String.fromCodePoint(cp)), // CJK
      fc.integer({ min: 0x1f600, max: 0x1f64f }).map((cp) => String.fromCodePoint(cp)), // emoji
    );
    fc.assert(
      fc.property(fc.string({ unit: untouched }), (s) => {
        expect(normalizeForSearch(s)).toBe(s);
      }),
      { numRuns: 500 },
    );
  });
});

describe('compactForSearch', () => {
  it('gives the same key for نخست وزیر written with a space, a ZWNJ or nothing', () => {
    const keys = ['نخست وزیر', `نخست${ZWNJ}وزیر`, 'نخستوزیر'].map(compactForSearch);
    expect(keys).toEqual(['نخستوزیر', 'نخستوزیر', 'نخستوزیر']);
  });

  it('is the normalized text without its spaces', () => {
    // Σ ending a word lower-cases to ς: compacting must not first join it to the next word.
    for (const text of ['ΑΣ Β', 'نخست وزیر', 'کتاب ها', ' می شود ', `A${ZWNJ}Σ\nب`]) {
      expect(compactForSearch(text)).toBe(normalizeForSearch(text).replaceAll(' ', ''));
    }
    for (const arb of [tricky, fc.string({ unit: 'grapheme' })]) {
      fc.assert(
        fc.property(arb, (text) => {
          expect(compactForSearch(text)).toBe(normalizeForSearch(text).replaceAll(' ', ''));
        }),
        { numRuns: 500 },
      );
    }
  });

  it('lets a compact query match inside a compact document whatever the spelling', () => {
    const query = compactForSearch('نخست وزیر');
    for (const doc of ['سفر نخست وزیر عراق', `سفر نخست${ZWNJ}وزير عراق`, 'سفر نخستوزیر عراق']) {
      expect(compactForSearch(doc)).toContain(query);
    }
  });
});

describe('searchVariants', () => {
  it('returns the normalized and the compact form, without duplicates', () => {
    expect(searchVariants(`نخست${ZWNJ}وزیر  ايران`)).toEqual(['نخستوزیر ایران', 'نخستوزیرایران']);
    expect(searchVariants('ایران')).toEqual(['ایران']);
  });
});

describe('toPersianLetters', () => {
  it('writes Arabic ي, ى and ك as Persian ی and ک and leaves everything else as it was', () => {
    expect(toPersianLetters('شوراي عالي كار')).toBe('شورای عالی کار');
    expect(toPersianLetters('مصطفى')).toBe('مصطفی');
    expect(toPersianLetters(`نخست${ZWNJ}وزير ۱۴۰۳ ة Kaf`)).toBe(`نخست${ZWNJ}وزیر ۱۴۰۳ ة Kaf`);
  });

  it('keeps the length and folds to what search folds', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const persian = toPersianLetters(text);
        expect(persian).toHaveLength(text.length);
        expect(normalizeForSearch(persian)).toBe(normalizeForSearch(text));
      }),
    );
  });
});
