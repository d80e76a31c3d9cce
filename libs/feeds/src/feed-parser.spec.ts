import { describe, expect, it } from '@jest/globals';
import { FeedParseError, parseFeed } from './feed-parser.js';

const RSS = `\uFEFF
  <?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>ایلنا</title><link>https://www.ilna.ir/</link>
<item><title>خبر یک</title><link>/news/1/?utm_source=rss</link><guid isPermaLink="false">ilna-1</guid>
<pubDate>Mon, 22 Sep 2025 17:00:00 GMT</pubDate><category>کارگری</category><description>لید خبر</description>
<enclosure url="https://www.ilna.ir/1.jpg" type="image/jpeg" length="1"/></item>
<item><title>خبر دو</title><link>https://WWW.ilna.ir:443/news/2/#top</link></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title><link href="https://example.com/"/>
<entry><title>Entry</title><link href="https://example.com/a"/><id>urn:uuid:1</id><updated>2025-09-22T17:00:00Z</updated>
<author><name>Jane</name></author><summary>Sum</summary></entry></feed>`;

const RDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://example.org/"><title>RDF</title><link>https://example.org/</link></channel>
<item rdf:about="https://example.org/x"><title>X</title><link>https://example.org/x</link></item></rdf:RDF>`;

describe('parseFeed', () => {
  it('adapts RSS 2.0 items, resolving relative links, after a BOM and leading whitespace', async () => {
    const feed = await parseFeed(RSS, 'https://www.ilna.ir/rss');
    expect(feed.title).toBe('ایلنا');
    expect(feed.items[0]).toEqual({
      id: 'ilna-1',
      title: 'خبر یک',
      link: 'https://www.ilna.ir/news/1/?utm_source=rss',
      summary: 'لید خبر',
      author: null,
      categories: ['کارگری'],
      publishedAt: '2025-09-22T17:00:00.000Z',
      enclosures: [{ url: 'https://www.ilna.ir/1.jpg', type: 'image/jpeg' }],
    });
    // No guid: the canonical link is the identity.
    expect(feed.items[1].id).toBe('https://www.ilna.ir/news/2');
  });

  it('reads the RSS <ttl> in minutes, and null without one', async () => {
    const withTtl = RSS.replace('<channel>', '<channel><ttl>45</ttl>');
    expect((await parseFeed(withTtl, 'https://www.ilna.ir/rss')).ttlMinutes).toBe(45);
    expect((await parseFeed(RSS, 'https://www.ilna.ir/rss')).ttlMinutes).toBeNull();
    const bogus = RSS.replace('<channel>', '<channel><ttl>soon</ttl>');
    expect((await parseFeed(bogus, 'https://www.ilna.ir/rss')).ttlMinutes).toBeNull();
  });

  it('parses a broken feed after repairing stray ampersands and unknown entities', async () => {
    const broken = `<?xml version="1.0"?><rss version="2.0"><channel><title>Q&A &bogus; news</title>
<item><title>Tom & Jerry&nbsp;return</title><link>https://example.com/a?x=1&y=2</link></item></channel></rss>`;
    const feed = await parseFeed(broken, 'https://example.com/feed');
    expect(feed.title).toBe('Q&A &bogus; news');
    expect(feed.items[0].title).toBe('Tom & Jerry\u00a0return');
    expect(feed.items[0].link).toBe('https://example.com/a?x=1&y=2');
  });

  it('adapts a JSON Feed through the same entry point', async () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1',
      title: 'JF',
      home_page_url: 'https://example.net/',
      items: [{ id: 7, url: '/p/7', title: 'Seven' }],
    });
    const feed = await parseFeed(`\uFEFF ${json}`, 'https://example.net/feed.json');
    expect(feed.items).toEqual([
      {
        id: '7',
        title: 'Seven',
        link: 'https://example.net/p/7',
        summary: null,
        author: null,
        categories: [],
        publishedAt: null,
        enclosures: [],
      },
    ]);
  });

  it('adapts Atom entries', async () => {
    const feed = await parseFeed(ATOM, 'https://example.com/feed');
    expect(feed.items[0]).toMatchObject({
      id: 'urn:uuid:1',
      link: 'https://example.com/a',
      author: 'Jane',
      publishedAt: '2025-09-22T17:00:00.000Z',
    });
  });

  it('adapts RSS 1.0 (RDF) items', async () => {
    const feed = await parseFeed(RDF, 'https://example.org/rss');
    expect(feed.items.map((i) => i.link)).toEqual(['https://example.org/x']);
  });

  it.each([
    ['<!DOCTYPE html><html><body>home</body></html>', 'not a feed: the document is HTML'],
    ['plain text, not a feed', 'not an XML feed'],
    ['{"version": "https://jsonfeed.org/version/1.1"}', 'not a JSON Feed: items'],
    ['{"version": "1.1", "items": []}', 'not a JSON Feed: version'],
    ['{"version": "https://jsonfeed.org/version/1.1", "items": [}', 'malformed JSON Feed'],
    ['<?xml version="1.0"?><rss><channel><item><title>a</item>', 'malformed feed XML'],
  ])('refuses %s with a reason', async (text, reason) => {
    await expect(parseFeed(text, 'https://example.com/feed')).rejects.toThrow(FeedParseError);
    await expect(parseFeed(text, 'https://example.com/feed')).rejects.toThrow(reason);
  });
});
