import { describe, expect, it } from '@jest/globals';

import { TopicExtractor, mergeTopics, MAX_TAGS } from './article-topics.js';
import { RollingDocumentFrequency } from './document-frequency.js';

const ZWNJ = '\u200C';
const extractor = () => new TopicExtractor(new RollingDocumentFrequency({ width: 1 << 12 }));

describe('TopicExtractor', () => {
  it('gives the category, the tags and the key phrases, one per key, category first', () => {
    const { topics } = extractor().analyze({
      title: 'سفر پزشکیان به نیویورک',
      lead: null,
      category: 'سیاسی',
      tags: ['پزشكيان', ' سیاسی ', 'سازمان ملل'],
    });
    expect(topics).toEqual([
      { key: 'سیاسی', name: 'سیاسی', kind: 'category' },
      { key: 'پزشکیان', name: 'پزشكيان', kind: 'tag' },
      { key: 'سازمانملل', name: 'سازمان ملل', kind: 'tag' },
      { key: 'سفر', name: 'سفر', kind: 'phrase' },
      { key: 'نیویورک', name: 'نیویورک', kind: 'phrase' },
    ]);
  });

  it('keeps the ZWNJ in names, skips empty and overlong tags and caps their number', () => {
    const tags = [
      `نخست${ZWNJ}وزیر`,
      '  ',
      '…',
      'x'.repeat(101),
      ...Array.from({ length: 30 }, (_, i) => `تگ${i}`),
    ];
    const { topics } = extractor().analyze({ title: 'و', tags });
    expect(topics[0]).toEqual({ key: 'نخستوزیر', name: `نخست${ZWNJ}وزیر`, kind: 'tag' });
    expect(topics.filter((t) => t.kind === 'tag')).toHaveLength(MAX_TAGS - 3);
    expect(topics.some((t) => t.name.length > 100)).toBe(false);
  });

  it('names the topics of a Persian article with Persian ی and ک, and of an Arabic one as written', () => {
    const article = { title: 'جلسه شوراي عالي كار', category: 'كارگري', tags: ['مصطفى'] };
    const persian = extractor().analyze({ ...article, language: 'fa' }).topics;
    expect(persian).toEqual([
      { key: 'کارگری', name: 'کارگری', kind: 'category' },
      { key: 'مصطفی', name: 'مصطفی', kind: 'tag' },
      ...persian.filter((t) => t.kind === 'phrase'),
    ]);
    const phraseNames = persian.filter((t) => t.kind === 'phrase').map((t) => t.name);
    expect(phraseNames).toEqual(expect.arrayContaining(['شورای', 'کار']));
    expect(phraseNames.join(' ')).not.toMatch(/[يىك]/);
    const arabic = extractor().analyze({ ...article, language: 'ar' }).topics;
    expect(arabic.map((t) => t.key)).toEqual(persian.map((t) => t.key));
    expect(arabic.slice(0, 2).map((t) => t.name)).toEqual(['كارگري', 'مصطفى']);
  });

  it('learns only when told: a phrase seen in every learned article stops being a key phrase', () => {
    const topics = extractor();
    const article = { title: 'زلزله در کرمان', lead: null };
    expect(topics.analyze(article).topics.map((t) => t.key)).toContain('زلزله');
    for (let i = 0; i < 50; i++)
      topics.learnArticle({ title: `زلزله ${'ابپتثجچحخ'[i % 10]}${i}`, lead: null });
    expect(topics.backgroundSize).toBe(50);
    expect(topics.analyze(article).topics.map((t) => t.key)).toEqual(['کرمان']);
  });

  it("adds the stopwords of the article's own language", () => {
    // «ile» (with) is a Turkish stopword, not a Persian, Arabic or English one.
    const keys = (language: string) =>
      extractor()
        .analyze({ title: 'Ankara ile Tahran', language })
        .topics.map((t) => t.key);
    expect(keys('tr')).toEqual(['ankara', 'tahran']);
    expect(keys('fa')).toContain('ile');
  });

  it('returns the candidate keys of the article for learning', () => {
    const { phraseKeys } = extractor().analyze({ title: 'رئیس جمهور', lead: 'سفر' });
    expect(phraseKeys.sort()).toEqual(['جمهور', 'رئیس', 'رئیسجمهور', 'سفر'].sort());
  });
});

describe('mergeTopics', () => {
  it('keeps the first topic of each key', () => {
    expect(
      mergeTopics([
        { key: 'a', name: 'A', kind: 'tag' },
        { key: 'a', name: 'a', kind: 'phrase' },
      ]),
    ).toEqual([{ key: 'a', name: 'A', kind: 'tag' }]);
  });
});
