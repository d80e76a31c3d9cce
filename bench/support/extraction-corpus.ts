import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBody } from '@news/http-fetch';
import { REPO_ROOT } from './paths.js';

export interface CorpusPage {
  name: string;
  url: string;
  fetchedAt: string;
  html: string;
  /** The hand-written body of the golden file. */
  expectedBody: string;
}

/** Every page of the parser's extraction corpus and the end-to-end fixtures, decoded, with its golden body. */
export function loadCorpus(): CorpusPage[] {
  const pages: CorpusPage[] = [];
  const corpus = join(REPO_ROOT, 'apps/parser/test/fixtures/corpus');
  for (const site of readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(join(corpus, site.name)).filter((f) => f.endsWith('.html'))) {
      const base = join(corpus, site.name, file.replace(/\.html$/, ''));
      const golden = JSON.parse(readFileSync(`${base}.expected.json`, 'utf8')) as {
        url: string;
        fetchedAt?: string;
        contentType?: string;
        body: string;
      };
      pages.push({
        name: `${site.name}/${file}`,
        url: golden.url,
        fetchedAt: golden.fetchedAt ?? '2025-10-01T00:00:00.000Z',
        html: decodeBody(readFileSync(`${base}.html`), golden.contentType ?? 'text/html', 'html').text,
        expectedBody: golden.body,
      });
    }
  }
  const e2e = join(REPO_ROOT, 'test/e2e/fixtures');
  for (const name of ['ilna-seed', 'jalali-only', 'cp1256']) {
    const golden = JSON.parse(readFileSync(join(e2e, `${name}.expected.json`), 'utf8')) as {
      canonicalUrl: string;
      body: string;
    };
    pages.push({
      name: `e2e/${name}`,
      url: golden.canonicalUrl,
      fetchedAt: '2025-10-01T00:00:00.000Z',
      html: decodeBody(readFileSync(join(e2e, `${name}.html`)), 'text/html', 'html').text,
      expectedBody: golden.body,
    });
  }
  return pages;
}
