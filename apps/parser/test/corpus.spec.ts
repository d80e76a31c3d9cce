import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extractArticle, loadDefaultProfiles, tokenPrecisionRecall } from '@news/extraction';
import { decodeBody } from '@news/http-fetch';

/**
 * The extraction corpus: pages modeled on real news sites, each beside a
 * golden JSON written by hand from the page. A field absent from a golden is
 * not checked; `null` means the extractor must find nothing.
 */
const CORPUS = new URL('fixtures/corpus/', import.meta.url);

interface Golden {
  url: string;
  fetchedAt?: string;
  contentType?: string;
  body: string;
  [field: string]: unknown;
}

const EXACT_FIELDS = [
  'canonicalUrl',
  'language',
  'kicker',
  'title',
  'lead',
  'author',
  'category',
  'tags',
  'publishedAt',
  'publishedAtJalali',
] as const;

function corpusPages(): [string, string][] {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((site) =>
      readdirSync(new URL(`${site.name}/`, CORPUS))
        .filter((f) => f.endsWith('.html'))
        .map((f) => [site.name, f.replace(/\.html$/, '')] as [string, string]),
    );
}

const profiles = loadDefaultProfiles();
const pages = corpusPages();

describe('extraction corpus', () => {
  it('has pages to check', () => {
    expect(pages.length).toBeGreaterThan(0);
  });

  describe.each(pages)('%s/%s', (site, name) => {
    const golden = JSON.parse(
      readFileSync(new URL(`${site}/${name}.expected.json`, CORPUS), 'utf8'),
    ) as Golden;
    const bytes = readFileSync(new URL(`${site}/${name}.html`, CORPUS));
    const article = extractArticle(
      {
        html: decodeBody(bytes, golden.contentType ?? 'text/html', 'html').text,
        url: golden.url,
        fetchedAt: golden.fetchedAt ?? '2025-10-01T00:00:00.000Z',
      },
      { profiles },
    );

    it.each(EXACT_FIELDS.filter((f) => f in golden))('gives the hand-written %s', (field) => {
      expect(article[field]).toEqual(golden[field]);
    });

    if ('images' in golden) {
      it('gives the article images', () => {
        expect(article.images.map((i) => i.url)).toEqual(
          (golden.images as { url: string }[]).map((i) => i.url),
        );
      });
    }

    it('gives the body with recall ≥ 0.95 and precision ≥ 0.90 of tokens', () => {
      const { precision, recall } = tokenPrecisionRecall(article.body, golden.body);
      expect({ recall: recall >= 0.95, precision: precision >= 0.9 }).toEqual({
        recall: true,
        precision: true,
      });
    });
  });
});
