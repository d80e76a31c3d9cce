import { describe, expect, it } from '@jest/globals';
import { compactForSearch, normalizeForSearch } from '@news/persian';
import fc from 'fast-check';
import { articleSearchText, compactQueryKey, containsPattern } from './search-key.js';

describe('articleSearchText', () => {
  it('normalizes title, lead and body into one key', () => {
    expect(
      articleSearchText({
        title: 'سخنان نخست‌وزير',
        lead: 'روز ۳۱ شهريور',
        body: 'كارگران مي گويند\n\nپاراگراف دوم',
      }),
    ).toBe('سخنان نخستوزیر روز 31 شهریور کارگران میگویند پاراگراف دوم');
  });

  it('leaves out a missing lead', () => {
    expect(articleSearchText({ title: 'عنوان', lead: null, body: 'متن' })).toBe('عنوان متن');
  });
});

describe('compactQueryKey', () => {
  it.each(['نخست وزیر', 'نخست\u200cوزیر', 'نخستوزیر', 'نخست وزير', ' نخست \u200c وزیر '])(
    'gives نخستوزیر for %j',
    (query) => {
      expect(compactQueryKey(query)).toBe('نخستوزیر');
    },
  );

  it('folds digits and Arabic kaf', () => {
    expect(compactQueryKey('كار ١٤٠٤ ۱۴۰۴')).toBe('کار14041404');
  });

  // The generated column search_compact is replace(search_text, ' ', ''); queries use
  // compactForSearch. The two meet only while compacting is "normalize, then drop spaces".
  it('equals the normalized text without spaces, as the search_compact column computes it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(compactForSearch(text)).toBe(normalizeForSearch(text).replaceAll(' ', ''));
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[\u0600-\u06FF\u200c ]{0,40}$/), (text) => {
        expect(compactForSearch(text)).toBe(normalizeForSearch(text).replaceAll(' ', ''));
      }),
    );
  });
});

describe('containsPattern', () => {
  it('wraps the key in % and escapes LIKE wildcards and the escape character', () => {
    expect(containsPattern('نخستوزیر')).toBe('%نخستوزیر%');
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
