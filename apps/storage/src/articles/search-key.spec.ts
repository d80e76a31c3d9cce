import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  articleSearchKey,
  articleSearchText,
  compactQueryKey,
  containsPattern,
  searchTerms,
} from './search-key.js';

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
});

describe('articleSearchKey', () => {
  // Rows keyed before compact-article-storage.ts had search_compact = replace(search_text, ' ', '');
  // rows written since have articleSearchKey. A query must find both alike.
  it('keys an article as its spaced search text without the spaces, as the older rows were keyed', () => {
    const text = fc.stringMatching(/^[\u0600-\u06FF\u200c\n ]{0,40}$/);
    fc.assert(
      fc.property(text, fc.option(text), text, (title, lead, body) => {
        const article = { title, lead, body };
        expect(articleSearchKey(article)).toBe(articleSearchText(article).replaceAll(' ', ''));
      }),
    );
  });
});

describe('searchTerms', () => {
  it('is one phrase, its spaces and ZWNJs not counting, whatever its spelling', () => {
    for (const query of ['نخست وزیر', 'نخست\u200cوزیر', 'نخستوزیر', ' نخست  وزير ']) {
      expect(searchTerms(query)).toEqual(['نخستوزیر']);
    }
  });

  it('splits at Latin and Persian commas, but not inside a number', () => {
    expect(searchTerms('دستمزد، كارگران,۱۴۰۴')).toEqual(['دستمزد', 'کارگران', '1404']);
    expect(searchTerms('1,000 تومان، 2،500')).toEqual(['1,000تومان', '2،500']);
  });

  it('leaves out terms of one letter, repeats, and terms inside another', () => {
    expect(searchTerms('و، کارگران، کار، کارگران،،')).toEqual(['کارگران']);
    expect(searchTerms('، و ،')).toEqual([]);
  });
});

describe('containsPattern', () => {
  it('wraps the key in % and escapes LIKE wildcards and the escape character', () => {
    expect(containsPattern('نخستوزیر')).toBe('%نخستوزیر%');
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
