import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { ExtractionError, extractArticle } from './extract-article.js';
import { loadDefaultProfiles } from './default-profiles.js';

const profiles = loadDefaultProfiles();

/** Either an article or an ExtractionError: never another exception, never a hang (no time is asserted). */
function outcome(html: string): 'article' | 'extraction-error' {
  try {
    extractArticle(
      { html, url: 'https://example.com/a', fetchedAt: '2025-10-01T00:00:00.000Z' },
      { profiles },
    );
    return 'article';
  } catch (error) {
    if (error instanceof ExtractionError) return 'extraction-error';
    throw error;
  }
}

const paragraph = '<p>' + 'این یک جمله‌ی آزمایشی برای متن خبر است. '.repeat(5) + '</p>';

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
  ])('%s gives an article or a clear extraction error', (_name, html) => {
    expect(['article', 'extraction-error']).toContain(outcome(html));
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
