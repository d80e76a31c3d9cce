import { describe, expect, it } from '@jest/globals';
import { buildOpml, decodeXmlText, OpmlError, parseOpml } from './opml.js';

const opml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>mine</title></head><body>${body}</body></opml>`;

describe('parseOpml', () => {
  it('finds the feeds of nested category outlines, in document order, each once', () => {
    const content = parseOpml(
      opml(`
      <outline text="News">
        <outline text="Iran">
          <outline type="rss" text="ILNA" xmlUrl="https://www.ilna.ir/rss"/>
        </outline>
        <outline type="rss" title="Tech &amp; Science" text="ignored" xmlUrl="https://a.example/feed?x=1&amp;y=2"/>
      </outline>
      <outline type="rss" text="again" xmlUrl="https://www.ilna.ir/rss"/>
      <outline type="rss" text="lower-case attribute" xmlurl="http://b.example/rss"/>`),
    );
    expect(content).toEqual({
      feeds: [
        { url: 'https://www.ilna.ir/rss', title: 'ILNA' },
        { url: 'https://a.example/feed?x=1&y=2', title: 'Tech & Science' },
        { url: 'http://b.example/rss', title: 'lower-case attribute' },
      ],
      invalid: [],
    });
  });

  it('reports outlines whose xmlUrl cannot be polled, with the reason, and keeps the others', () => {
    const content = parseOpml(
      opml(`
      <outline text="ftp" xmlUrl="ftp://files.example/feed"/>
      <outline text="garbage" xmlUrl="not a url"/>
      <outline text="empty" xmlUrl=""/>
      <outline text="secret" xmlUrl="https://user:pass@c.example/rss"/>
      <outline text="fine" xmlUrl="https://d.example/rss"/>`),
    );
    expect(content.feeds).toEqual([{ url: 'https://d.example/rss', title: 'fine' }]);
    expect(content.invalid).toEqual([
      { url: 'ftp://files.example/feed', reason: 'only http and https feeds are polled, not ftp:' },
      { url: 'not a url', reason: 'not a valid URL' },
      { url: '', reason: 'empty xmlUrl' },
      { url: 'https://user:pass@c.example/rss', reason: 'URLs with credentials are refused' },
    ]);
  });

  it('reads an empty body as no feeds', () => {
    expect(parseOpml(opml(''))).toEqual({ feeds: [], invalid: [] });
  });

  it.each([
    [
      'a DOCTYPE (entity expansion)',
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><opml/>',
      'DOCTYPE',
    ],
    [
      'an external entity',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><opml><body/></opml>',
      'DOCTYPE',
    ],
    ['malformed XML', '<opml><body><outline></body></opml>', 'not well-formed XML'],
    ['another root element', '<rss><channel/></rss>', 'root element is not <opml>'],
    ['no body', '<opml version="2.0"><head/></opml>', 'has no <body>'],
  ])('refuses %s with a clear message', (_what, text, message) => {
    expect(() => parseOpml(text)).toThrow(OpmlError);
    expect(() => parseOpml(text)).toThrow(message);
  });
});

describe('buildOpml', () => {
  it('round-trips titles with markup characters, Persian text with ZWNJ, and untitled feeds', () => {
    const feeds = [
      { url: 'https://a.example/feed?x=1&y=2', title: 'Tom & "Jerry" <News>' },
      { url: 'https://b.example/rss', title: 'خبرگزاری\u200cها' },
      { url: 'https://c.example/atom.xml', title: null },
    ];
    const text = buildOpml(feeds, 'export & more', new Date('2026-11-27T10:00:00Z'));
    expect(text).toContain('text="Tom &amp; &quot;Jerry&quot; &lt;News&gt;"');
    expect(text).toContain('xmlUrl="https://a.example/feed?x=1&amp;y=2"');
    expect(text).toContain('<title>export &amp; more</title>');
    expect(text).toContain('<dateCreated>Fri, 27 Nov 2026 10:00:00 GMT</dateCreated>');
    expect(parseOpml(text)).toEqual({ feeds, invalid: [] });
  });
});

describe('decodeXmlText', () => {
  it('decodes predefined entities and character references in one pass', () => {
    expect(decodeXmlText('&amp;lt; &lt; &#1587;&#x200C;&#X41; &nbsp; &#0;')).toBe(
      '&lt; < س\u200cA &nbsp; &#0;',
    );
  });
});
