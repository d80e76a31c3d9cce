import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';

import { topicKey } from './topic-key.js';

const ZWNJ = '\u200C';

describe('topicKey', () => {
  it('folds Arabic yeh and kaf to the Persian letters', () => {
    expect(topicKey('پزشكيان')).toBe('پزشکیان');
    expect(topicKey('پزشکیان')).toBe('پزشکیان');
  });

  it('gives one key to a compound written with a ZWNJ, a space or nothing', () => {
    const expected = 'نخستوزیر';
    expect(topicKey(`نخست${ZWNJ}وزیر`)).toBe(expected);
    expect(topicKey('نخست وزیر')).toBe(expected);
    expect(topicKey('نخستوزیر')).toBe(expected);
  });

  it('keeps spaces between Latin words and lower-cases them', () => {
    expect(topicKey('  New   York ')).toBe('new york');
  });

  it('makes digits ASCII and trims decoration around the name', () => {
    expect(topicKey('#برجام۲')).toBe('برجام2');
    expect(topicKey('«انتخابات»')).toBe('انتخابات');
  });

  it('is empty for a name with no content', () => {
    expect(topicKey(' … ')).toBe('');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (name) => topicKey(topicKey(name)) === topicKey(name)),
    );
    const persianish = fc.string({
      unit: fc.constantFrom('پ', 'ز', 'ش', 'ک', 'ك', 'ی', 'ي', 'ن', ' ', ZWNJ, '۱', '«', 'a', 'B'),
    });
    fc.assert(fc.property(persianish, (name) => topicKey(topicKey(name)) === topicKey(name)));
  });

  it('gives spelling variants (Arabic letters, ZWNJ instead of space) the same key', () => {
    const word = fc.string({ unit: fc.constantFrom('پ', 'ز', 'ش', 'ک', 'ی', 'ن', 'ا', 'م'), minLength: 1 });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), (words) => {
        const persian = words.join(' ');
        const arabicLetters = persian.replaceAll('ی', 'ي').replaceAll('ک', 'ك');
        const withZwnj = words.join(ZWNJ);
        return topicKey(arabicLetters) === topicKey(persian) && topicKey(withZwnj) === topicKey(persian);
      }),
    );
  });
});
