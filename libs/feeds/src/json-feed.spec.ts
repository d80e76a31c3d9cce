import { describe, expect, it } from '@jest/globals';
import { parseJsonFeed } from './json-feed.js';
import { FeedParseError } from './model.js';

const FEED_1_1 = {
  version: 'https://jsonfeed.org/version/1.1',
  title: ' خبرگزاری ',
  home_page_url: 'https://news.example.ir/',
  feed_url: 'https://news.example.ir/feed.json',
  items: [
    {
      id: 'https://news.example.ir/?p=1',
      url: 'https://news.example.ir/news/1/?utm_source=feed',
      title: 'خبر یک',
      summary: 'لید',
      content_html: '<p>متن</p>',
      date_published: '2026-11-27T08:00:00+03:30',
      authors: [{ name: 'مریم' }],
      tags: ['سیاسی', 3, ''],
      attachments: [{ url: 'https://news.example.ir/1.jpg', mime_type: 'image/jpeg' }, { size: 1 }],
    },
    { url: '/news/2/', content_text: 'فقط متن', date_modified: '2026-11-26T10:00:00Z' },
    { title: 'no link, no id', date_published: 'not a date' },
    'not an object',
  ],
};

describe('parseJsonFeed', () => {
  it('adapts JSON Feed 1.1 items into the common model', () => {
    const feed = parseJsonFeed(JSON.stringify(FEED_1_1), 'https://news.example.ir/feed.json');
    expect(feed.title).toBe('خبرگزاری');
    expect(feed.link).toBe('https://news.example.ir/');
    expect(feed.ttlMinutes).toBeNull();
    expect(feed.items).toEqual([
      {
        id: 'https://news.example.ir/?p=1',
        title: 'خبر یک',
        link: 'https://news.example.ir/news/1/?utm_source=feed',
        summary: 'لید',
        author: 'مریم',
        categories: ['سیاسی'],
        publishedAt: '2026-11-27T04:30:00.000Z',
        enclosures: [{ url: 'https://news.example.ir/1.jpg', type: 'image/jpeg' }],
      },
      {
        // No id: the canonical link; the relative url is resolved against home_page_url.
        id: 'https://news.example.ir/news/2',
        title: null,
        link: 'https://news.example.ir/news/2/',
        summary: 'فقط متن',
        author: null,
        categories: [],
        publishedAt: '2026-11-26T10:00:00.000Z',
        enclosures: [],
      },
      {
        // Neither id nor link: a hash of title and (missing) date.
        id: '1da236338f38cf8bdd4bde2ca606118b6a82e3a5f8cf2a729853443393c469e2',
        title: 'no link, no id',
        link: null,
        summary: null,
        author: null,
        categories: [],
        publishedAt: null,
        enclosures: [],
      },
    ]);
  });

  it('reads the single author of JSON Feed 1.0 and a numeric id', () => {
    const feed = parseJsonFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1',
        items: [{ id: 42, url: 'https://a.example/x', author: { name: 'Jane' } }],
      }),
      'https://a.example/feed.json',
    );
    expect(feed.items[0]).toMatchObject({ id: '42', author: 'Jane', link: 'https://a.example/x' });
  });

  it.each([
    ['{"items": []}', 'not a JSON Feed: version'],
    ['{"version": "https://jsonfeed.org/version/1.1", "items": {}}', 'not a JSON Feed: items'],
    ['{"version": ', 'malformed JSON Feed'],
  ])('refuses %s', (text, reason) => {
    expect(() => parseJsonFeed(text, 'https://a.example/feed.json')).toThrow(FeedParseError);
    expect(() => parseJsonFeed(text, 'https://a.example/feed.json')).toThrow(reason);
  });
});
