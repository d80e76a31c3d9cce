import { describe, expect, it } from '@jest/globals';
import { load } from 'cheerio';
import { selectAll } from 'css-select';
import type { AnyNode, Element } from 'domhandler';
import { releasePage, removeElements, select } from './query.js';

const page = `<html lang="fa"><head>
  <meta property="og:title" content="T"><link rel="Canonical" href="/c">
  <script type="application/ld+json">{}</script></head>
<body class="home page">
  <header class="site-header"><h1><a href="/">Site</a></h1><nav class="menu"><a href="/x">x</a></nav></header>
  <main id="item">
    <article class="single-news">
      <div class="item-title"><span class="rutitr">Kicker</span><h1 class="title">Headline</h1></div>
      <p class="lead summary">Lead text</p>
      <div class="byline"><span class="author-name">Jane</span> <a rel="author" href="/j">Jane</a></div>
      <figure><img src="a.jpg"><figcaption class="image-caption">Cap</figcaption></figure>
      <div class="item-text"><p>One</p><p>Two <a href="/tag/a" rel="tag">A</a></p></div>
      <ul class="tags"><li><a href="/tag/b">B</a></li><li><a href="/tag/c">C</a></li></ul>
      <div class="breadcrumb"><a href="/">Home</a><a href="/s">Section</a></div>
      <time datetime="2025-10-01T10:00:00Z">x</time>
      <div itemprop="author" itemscope><span itemprop="name">Jane</span></div>
      <div class="a\\:b" data-component="tags"><a href="/t">t</a></div>
    </article>
    <aside class="sidebar related"><p class="lead">Other lead</p><a href="/o">o</a></aside>
  </main>
</body></html>`;

const SELECTORS = [
  'h1',
  'article h1:not(:has(> a[href="/"]:only-child)), h1:not(:has(> a[href="/"]:only-child))',
  '[class*="lead"]:not(figure *):not(figcaption), [class*="summary"]:not(figure *)',
  '[itemprop="author"] [itemprop="name"], [rel="author"], [class*="byline"] a, [class*="author-name"]',
  'a[rel="tag"], [class*="tags"] a, [data-component="tags"] a',
  '#item .item-title .rutitr, #item h1.title',
  '.breadcrumb a:not([href*="/tag/"]), .breadcrumb > a:last-child',
  'link[rel="canonical"]',
  'meta[content]',
  'script, style, noscript',
  '[class], [id]',
  'figcaption, [class*="caption"], [class*="Caption"]',
  'article time[datetime], time[datetime]',
  '.tags li + li a, .tags li ~ li',
  '.a\\:b a',
  'ul.tags > li > a',
  '*',
  'body .nothing-here a',
];

function expected(root: AnyNode, selector: string): Element[] {
  return selectAll<AnyNode, Element>(selector, root);
}

describe('select', () => {
  it.each(SELECTORS)('finds what css-select finds, in document order: %s', (selector) => {
    const $ = load(page, { xml: { xmlMode: false, decodeEntities: true } });
    const root = $.root().get(0) as AnyNode;
    expect(select($, selector)).toEqual(expected(root, selector));
    releasePage($);
  });

  it('never returns an element removed from the page, nor anything inside it', () => {
    const $ = load(page, { xml: { xmlMode: false, decodeEntities: true } });
    const root = $.root().get(0) as AnyNode;
    select($, 'p'); // indexes the page before the removal
    removeElements($, select($, 'aside, header'));
    for (const selector of SELECTORS) expect(select($, selector)).toEqual(expected(root, selector));
    expect(select($, '[class*="lead"]').map((el) => $(el).text())).toEqual(['Lead text']);
    releasePage($);
  });

  it('keeps each page apart', () => {
    const first = load('<p class="a">1</p>');
    const second = load('<p class="a">2</p><p class="a">3</p>');
    expect(select(first, '.a')).toHaveLength(1);
    expect(select(second, '.a')).toHaveLength(2);
    expect(select(first, 'p.a').map((el) => first(el).text())).toEqual(['1']);
  });

  it('fails on an invalid selector as css-select does', () => {
    const $ = load(page);
    expect(() => select($, 'a[')).toThrow();
  });
});
