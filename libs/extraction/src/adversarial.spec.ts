import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { ExtractionError, extractArticle } from './extract-article.js';
import { loadDefaultProfiles } from './default-profiles.js';

const profiles = loadDefaultProfiles();

/** Either an article or an ExtractionError: never another exception, never a hang (no time is asserted). */
function outcome(html: string, timeoutMs?: number): 'article' | 'extraction-error' {
  try {
    extractArticle(
      { html, url: 'https://example.com/a', fetchedAt: '2025-10-01T00:00:00.000Z' },
      { profiles, timeoutMs },
    );
    return 'article';
  } catch (error) {
    if (error instanceof ExtractionError) return 'extraction-error';
    throw error;
  }
}

const paragraph = '<p>' + 'این یک جمله‌ی آزمایشی برای متن خبر است. '.repeat(5) + '</p>';

/** Pages built to be slow: huge text, huge link lists, attribute strings that bait selectors and regexes. */
const HOSTILE_PAGES: [string, string][] = [
  ['5 MB in one text node', `<h1>خبر</h1><div>${'خبر کوتاه '.repeat(500_000)}</div>`],
  ['5 MB of one word', `<h1>خبر</h1><p>${'x'.repeat(5_000_000)}</p>`],
  [
    '20,000 links in a tag box',
    `<h1>خبر</h1><div class="tags">${'<a href="/tag/x" rel="tag">برچسب</a>'.repeat(20_000)}</div>${paragraph}`,
  ],
  [
    '20,000 links inside the text',
    `<h1>خبر</h1><div class="byline">${'<p><a href="/a">پیوند</a> متن</p>'.repeat(20_000)}</div>`,
  ],
  ['an unterminated attribute quote', `<h1>خبر</h1><div class="${'a '.repeat(1_000_000)}${paragraph}`],
  [
    'a class of a million furniture-like words (regex bait)',
    `<h1>خبر</h1><div class="${'nav-side_'.repeat(200_000)}article">${paragraph}</div>`,
  ],
  [
    '10,000 attributes on one element',
    `<h1 ${Array.from({ length: 10_000 }, (_, i) => `a${i}="${i}"`).join(' ')}>خبر</h1>${paragraph}`,
  ],
  [
    'attribute values full of quotes, brackets and selector syntax',
    `<h1 class='${'"] [class*="lead"] :not(a) , '.repeat(50_000)}'>خبر</h1>${paragraph}`,
  ],
  [
    '500 nested elements, each with classes',
    `${'<div class="story-body content">'.repeat(500)}<h1>خبر</h1>${paragraph}${'</div>'.repeat(500)}`,
  ],
  [
    'an opening byline of a million words (regex bait)',
    `<h1>خبر</h1><p>${'خبرگزاری '.repeat(200_000)}- ${'a '.repeat(100_000)}</p>`,
  ],
  ['a million dashes and colons', `<h1>خبر</h1><p>${'- : '.repeat(250_000)}</p>`],
];

describe('extractArticle on hostile input', () => {
  it.each([
    ['empty input', ''],
    ['random bytes as text', randomBytes(200_000).toString('latin1')],
    ['only a title', '<html><head><title>عنوان</title></head><body></body></html>'],
    [
      '100,000 nested divs around the text',
      '<div>'.repeat(100_000) + '<h1>خبر</h1>' + paragraph + '</div>'.repeat(100_000),
    ],
    ['100,000 unclosed tags', '<h1>خبر</h1>' + '<span>'.repeat(100_000) + paragraph],
    ['a 2 MB attribute', `<h1 class="${'a'.repeat(2_000_000)}">خبر</h1>${paragraph}`],
    ['a million digits and slashes (date-parser bait)', `<h1>خبر</h1><p>${'۱۴۰۴/'.repeat(200_000)}</p>`],
    ['a million Persian letters without spaces', `<h1>خبر</h1><p>${'ب'.repeat(1_000_000)}</p>`],
    [
      'broken JSON-LD',
      `<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script><h1>خبر</h1>${paragraph}`,
    ],
    [
      'JSON-LD nested 10,000 deep',
      `<script type="application/ld+json">${'['.repeat(10_000)}${']'.repeat(10_000)}</script><h1>خبر</h1>${paragraph}`,
    ],
    ['50,000 paragraphs', `<h1>خبر</h1>${paragraph.repeat(50_000)}`],
    ...HOSTILE_PAGES,
  ])('%s gives an article or a clear extraction error', (_name, html) => {
    expect(['article', 'extraction-error']).toContain(outcome(html));
  });

  // The time bound, asserted as behaviour: with no time at all, every page is an ExtractionError.
  it.each([['an ordinary article', `<h1>خبر</h1>${paragraph}`], ...HOSTILE_PAGES])(
    'with a bound of 0 ms, %s gives an extraction error',
    (_name, html) => {
      expect(outcome(html, 0)).toBe('extraction-error');
    },
  );

  it('names the time bound that was exceeded', () => {
    expect(() =>
      extractArticle(
        {
          html: `<h1>خبر</h1>${paragraph}`,
          url: 'https://example.com/a',
          fetchedAt: '2025-10-01T00:00:00.000Z',
        },
        { profiles, timeoutMs: 0 },
      ),
    ).toThrow('extraction exceeded 0 ms (https://example.com/a)');
  });

  it('names what was missing', () => {
    expect(() =>
      extractArticle(
        {
          html: '<html><body><nav>menu</nav></body></html>',
          url: 'https://example.com/a',
          fetchedAt: '2025-10-01T00:00:00.000Z',
        },
        { profiles },
      ),
    ).toThrow('no title found (https://example.com/a)');
  });
});
