import { describe, expect, it } from '@jest/globals';
import { feedLinksIn, probeUrlsFor } from './discovery.js';

describe('feedLinksIn', () => {
  it('lists the feeds a page announces with <link rel="alternate">, resolved and deduplicated', () => {
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/rss+xml" title="همه‌ی خبرها" href="/rss">
      <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="https://cdn.example/atom.xml">
      <link rel="alternate" type="application/feed+json" href="feed.json">
      <link rel="alternate" type="text/html" hreflang="en" href="/en/">
      <link rel="alternate" type="application/rss+xml" href="/rss">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="alternate nofollow" type="application/rss+xml" href="/other.rss">
    </head><body><a rel="alternate" type="application/rss+xml" href="/not-a-link-tag">x</a></body></html>`;
    expect(feedLinksIn(html, 'https://news.example/section/page.html')).toEqual([
      { url: 'https://news.example/rss', title: 'همه‌ی خبرها', type: 'application/rss+xml', source: 'link' },
      { url: 'https://cdn.example/atom.xml', title: null, type: 'application/atom+xml', source: 'link' },
      {
        url: 'https://news.example/section/feed.json',
        title: null,
        type: 'application/feed+json',
        source: 'link',
      },
      { url: 'https://news.example/other.rss', title: null, type: 'application/rss+xml', source: 'link' },
    ]);
  });

  it('resolves against <base href>', () => {
    const html =
      '<html><head><base href="https://static.example/x/"><link rel="alternate" type="application/rss+xml" href="feed"></head></html>';
    expect(feedLinksIn(html, 'https://news.example/')[0].url).toBe('https://static.example/x/feed');
  });

  it('finds nothing in a page without feed links', () => {
    expect(feedLinksIn('<html><body><p>hello</p></body></html>', 'https://news.example/')).toEqual([]);
  });
});

describe('probeUrlsFor', () => {
  it('probes the common paths at the root of the site', () => {
    expect(probeUrlsFor('https://news.example/section/page.html?x=1')).toEqual([
      'https://news.example/rss',
      'https://news.example/feed',
      'https://news.example/feeds/',
      'https://news.example/rss.xml',
      'https://news.example/atom.xml',
      'https://news.example/feed.xml',
    ]);
  });
});
