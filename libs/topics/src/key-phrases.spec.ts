import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

import { RollingDocumentFrequency, type DocumentFrequency } from './document-frequency.js';
import { phraseCandidates, selectKeyPhrases } from './key-phrases.js';
import { isStopword } from './stopwords.js';
import { joinKeys, joinTexts, tokenStretches } from './tokenize.js';
import { topicKey } from './topic-key.js';

const ZWNJ = '\u200C';

/** A background that has seen `documents` articles, with the given frequencies. */
function backgroundOf(documents: number, frequencies: Record<string, number> = {}): DocumentFrequency {
  return { documents, frequency: (key) => frequencies[key] ?? 0 };
}

const keysOf = (text: string) => phraseCandidates([{ text, weight: 1 }]).map((c) => c.key);

describe('tokenStretches', () => {
  it('reads a ZWNJ word as its glued parts, and splits at punctuation', () => {
    const stretches = tokenStretches(`نخست${ZWNJ}وزیر عراق، فردا: «سفر» به تهران`);
    expect(stretches.map((s) => s.map((t) => [t.text, t.glued]))).toEqual([
      [
        ['نخست', false],
        ['وزیر', true],
        ['عراق', false],
      ],
      [['فردا', false]],
      [['سفر', false]],
      [
        ['به', false],
        ['تهران', false],
      ],
    ]);
    expect(joinTexts(stretches[0])).toBe(`نخست${ZWNJ}وزیر عراق`);
  });

  it('marks stopwords, numbers, boilerplate and every part of a verb with a ZWNJ prefix', () => {
    const stop = Object.fromEntries(
      tokenStretches(`از ۱۴۰۴ خبرگزاری می${ZWNJ}گوید میدان`)
        .flat()
        .map((t) => [t.text, t.stop]),
    );
    expect(stop).toEqual({ از: true, '۱۴۰۴': true, خبرگزاری: true, می: true, گوید: true, میدان: false });
  });
});

describe('phraseCandidates', () => {
  it('makes n-grams up to three words with no stopword and none across punctuation', () => {
    expect(keysOf('سفر رئیس جمهور به نیویورک. مجمع عمومی').sort()).toEqual(
      [
        'سفر',
        'رئیس',
        'جمهور',
        'سفررئیس',
        'رئیسجمهور',
        'سفررئیسجمهور',
        'نیویورک',
        'مجمع',
        'عمومی',
        'مجمععمومی',
      ].sort(),
    );
  });

  it('never makes a phrase of a compound head alone or ending with one', () => {
    expect(keysOf('نخست وزیر').sort()).toEqual(['نخستوزیر', 'وزیر'].sort());
    expect(keysOf('وزیر نخست')).toEqual(['وزیر']);
  });

  it('makes the same candidates of a compound written with a ZWNJ or a space, named as written', () => {
    expect(keysOf(`رئیس${ZWNJ}جمهور آمریکا`)).toEqual(keysOf('رئیس جمهور آمریکا'));
    const named = phraseCandidates([{ text: `رئیس${ZWNJ}جمهور`, weight: 1 }]).find(
      (c) => c.key === 'رئیسجمهور',
    );
    expect(named?.name).toBe(`رئیس${ZWNJ}جمهور`);
  });

  it('merges spelling variants into one candidate, named by the first occurrence, weights added', () => {
    const [candidate, ...rest] = phraseCandidates([
      { text: `نخست${ZWNJ}وزیر`, weight: 2 },
      { text: 'نخست وزير', weight: 1 },
    ]).filter((c) => c.key === 'نخستوزیر');
    expect(rest).toEqual([]);
    expect(candidate).toMatchObject({ name: `نخست${ZWNJ}وزیر`, weight: 3 });
  });

  it('gives every candidate the key that topicKey gives its name', () => {
    const word = fc.string({
      unit: fc.constantFrom('پ', 'ز', 'ش', 'ک', 'ك', 'ي', 'ن', 'ا', 'م', 'ر', ZWNJ, 'a', 'Q', '۲'),
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), (words) =>
        phraseCandidates([{ text: words.join(' '), weight: 1 }]).every((c) => topicKey(c.name) === c.key),
      ),
    );
  });

  it('gives a phrase written with ZWNJs and the same phrase with spaces the same candidate keys', () => {
    const word = fc.string({
      unit: fc.constantFrom('پ', 'ز', 'ش', 'ک', 'ن', 'ا', 'م', 'ر'),
      minLength: 2,
      maxLength: 5,
    });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (words) => {
        const spaced = keysOf(words.join(' ')).sort();
        const joined = keysOf(words.join(ZWNJ)).sort();
        return JSON.stringify(spaced) === JSON.stringify(joined);
      }),
    );
  });

  it('never yields a phrase that starts or ends with a stopword', () => {
    const vocabulary = [
      'از',
      'به',
      'در',
      'و',
      'خبرگزاری',
      'گزارش',
      '۱۴۰۴',
      'پزشکیان',
      'نیویورک',
      'سفر',
      'مجمع',
      'news',
      `می${ZWNJ}گوید`,
      `کتاب${ZWNJ}ها`,
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...vocabulary, '،', '.'), { maxLength: 20 }), (words) => {
        for (const candidate of phraseCandidates([{ text: words.join(' '), weight: 1 }])) {
          const first = candidate.words[0];
          const last = candidate.words[candidate.words.length - 1];
          if (isStopword(first) || isStopword(last) || candidate.words.length > 3) return false;
        }
        return true;
      }),
    );
  });
});

describe('selectKeyPhrases', () => {
  const ngrams = (text: string) => phraseCandidates([{ text, weight: 2 }]);

  it('prefers phrases rare in the background over common ones', () => {
    const background = backgroundOf(1000, { تهران: 400, زلزله: 3, زلزلهتهران: 3 });
    expect(selectKeyPhrases(ngrams('زلزله تهران'), background).map((p) => p.key)).toEqual(['زلزله']);
    // A pair never seen before is rarer still than its words: it is the phrase then.
    const unseenPair = selectKeyPhrases(ngrams('زلزله تهران'), backgroundOf(1000, { تهران: 400, زلزله: 3 }));
    expect(unseenPair.map((p) => p.name)).toEqual(['زلزله تهران']);
  });

  it('drops phrases below the threshold: a background where everything is common gives none', () => {
    const background = backgroundOf(1000, { تهران: 900, زلزله: 900, زلزلهتهران: 900 });
    expect(selectKeyPhrases(ngrams('زلزله تهران'), background)).toEqual([]);
  });

  it('keeps one of the phrases sharing a word, and at most the limit', () => {
    const background = backgroundOf(1000, { مسعود: 300, پزشکیان: 40, مسعودپزشکیان: 20 });
    expect(selectKeyPhrases(ngrams('مسعود پزشکیان'), background).map((p) => p.name)).toEqual([
      'مسعود پزشکیان',
    ]);
    const many = selectKeyPhrases(ngrams('الف‌ب تب، پپ، تت، ثث، جج، چچ، حح'), backgroundOf(0), { limit: 3 });
    expect(many).toHaveLength(3);
  });

  it('finds phrases before any background exists (a fresh start)', () => {
    const fresh = new RollingDocumentFrequency({ width: 1024 });
    const phrases = selectKeyPhrases(ngrams(`دیدار نخست${ZWNJ}وزیر عراق`), fresh);
    expect(phrases.map((p) => p.name)).toEqual(['دیدار', `نخست${ZWNJ}وزیر`, 'عراق']);
  });

  it('prefers a compound to its tail when the tail is never seen alone', () => {
    const background = backgroundOf(1000, { رئیس: 200, جمهور: 50, رئیسجمهور: 50 });
    expect(selectKeyPhrases(ngrams('رئیس جمهور'), background).map((p) => p.key)).toEqual(['رئیسجمهور']);
  });
});

describe('joinKeys', () => {
  const keyOf = (text: string) => joinKeys(tokenStretches(text)[0]);

  it('joins Persian words and glued parts without a space and Latin words with one', () => {
    expect(keyOf('رئیس جمهور')).toBe('رئیسجمهور');
    expect(keyOf('New York')).toBe('new york');
    expect(keyOf('سفر G20')).toBe('سفر g20');
    expect(keyOf(`e${ZWNJ}mail`)).toBe('email');
  });
});
