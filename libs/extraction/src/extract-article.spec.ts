import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { decodeBody } from '@news/http-fetch';
import { extractArticle } from './extract-article.js';
import { loadDefaultProfiles } from './default-profiles.js';

const FIXTURES = new URL('../../../test/e2e/fixtures/', import.meta.url);
const profiles = loadDefaultProfiles();

interface Golden {
  canonicalUrl: string;
  language: string;
  kicker: string | null;
  title: string;
  lead: string | null;
  body: string;
  publishedAt: string | null;
  publishedAtJalali: string | null;
  category: string | null;
  tags: string[];
  images: { url: string; caption: string | null }[];
}

function extractFixture(name: string, servedFrom: string) {
  const bytes = readFileSync(new URL(`${name}.html`, FIXTURES));
  const { text } = decodeBody(bytes, 'text/html', 'html');
  return extractArticle({ html: text, url: servedFrom, fetchedAt: '2025-09-23T06:00:00.000Z' }, { profiles });
}

describe.each(['ilna-seed', 'jalali-only', 'cp1256'])('extractArticle on %s', (name) => {
  const golden = JSON.parse(readFileSync(new URL(`${name}.expected.json`, FIXTURES), 'utf8')) as Golden;
  // Served from a mirror address: the page's canonical URL still decides site and id.
  const article = extractFixture(name, `http://127.0.0.1:8080/news/${name}/?utm_source=feed`);

  it.each([
    'canonicalUrl',
    'language',
    'kicker',
    'title',
    'lead',
    'publishedAt',
    'publishedAtJalali',
    'category',
  ] as const)('gives the hand-written %s', (field) => {
    expect(article[field]).toEqual(golden[field]);
  });

  it('gives the body paragraphs exactly, ZWNJ and all, and nothing from the page furniture', () => {
    expect(article.body).toEqual(golden.body);
  });

  it('gives the tags and images', () => {
    expect(article.tags).toEqual(golden.tags);
    expect(article.images).toEqual(golden.images);
  });

  it('names ILNA as the source', () => {
    expect(article.source).toEqual({ id: 'ilna', name: 'ایلنا', domain: 'ilna.ir' });
  });

  it('keeps no script, style or event handler in bodyHtml', () => {
    expect(article.bodyHtml).not.toMatch(/<script|<style|onclick|javascript:/i);
    expect(article.bodyHtml).toContain('<p>');
  });
});
