import { describe, expect, it } from '@jest/globals';
import { absoluteHttpUrl, articleIdFor, canonicalizeUrl, stripTracking } from './url.js';

describe('canonicalizeUrl', () => {
  it.each([
    [
      'lower-cases scheme and host, keeps path case',
      'HTTPS://WWW.Example.COM/News/A',
      'https://www.example.com/News/A',
    ],
    ['drops :80 on http', 'http://example.com:80/a', 'http://example.com/a'],
    ['drops :443 on https', 'https://example.com:443/a', 'https://example.com/a'],
    ['keeps a non-default port', 'https://example.com:8443/a', 'https://example.com:8443/a'],
    [
      'keeps :443 on http, it is not the default there',
      'http://example.com:443/a',
      'http://example.com:443/a',
    ],
    ['removes a trailing slash', 'https://example.com/news/123/', 'https://example.com/news/123'],
    ['keeps the root slash', 'https://example.com/', 'https://example.com/'],
    ['adds the root slash when the path is empty', 'https://example.com', 'https://example.com/'],
    ['removes the fragment', 'https://example.com/a#comments', 'https://example.com/a'],
    ['removes an empty fragment', 'https://example.com/a#', 'https://example.com/a'],
    ['removes an empty query', 'https://example.com/a?', 'https://example.com/a'],
    [
      'removes utm_* parameters',
      'https://example.com/a?utm_source=tg&utm_medium=social&utm_campaign=x',
      'https://example.com/a',
    ],
    ['removes fbclid', 'https://example.com/a?fbclid=IwAR0abc', 'https://example.com/a'],
    ['removes gclid', 'https://example.com/a?gclid=Cj0KCQ', 'https://example.com/a'],
    [
      'matches tracking names case-insensitively',
      'https://example.com/a?UTM_Source=x',
      'https://example.com/a',
    ],
    [
      'keeps other parameters, sorted by name',
      'https://example.com/news?page=2&id=7&utm_source=x&fbclid=y',
      'https://example.com/news?id=7&page=2',
    ],
    [
      'keeps the order of repeated parameters',
      'https://example.com/a?tag=z&b=1&tag=a',
      'https://example.com/a?b=1&tag=z&tag=a',
    ],
    [
      'does not mistake a parameter that merely contains a tracking name',
      'https://example.com/a?my_utm_source=1&gclid_x=2',
      'https://example.com/a?gclid_x=2&my_utm_source=1',
    ],
    [
      'handles everything at once',
      'HTTP://News.Example.ORG:80/Fa/Item/55/?utm_source=rss&b=2&a=1#top',
      'http://news.example.org/Fa/Item/55?a=1&b=2',
    ],
    [
      'removes a trailing slash when the query is only tracking',
      'https://example.com/a/?utm_source=x',
      'https://example.com/a',
    ],
    [
      'removes a trailing slash before a query too',
      'https://example.com/news/123/?id=5',
      'https://example.com/news/123?id=5',
    ],
    ['removes repeated trailing slashes', 'https://example.com/a//', 'https://example.com/a'],
    ['keeps the root when the path is only slashes', 'https://example.com//', 'https://example.com/'],
    ['percent-encodes a Persian path', 'https://example.ir/خبر/', 'https://example.ir/%D8%AE%D8%A8%D8%B1'],
  ])('%s', (_name, input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it.each([
    'HTTPS://WWW.Example.com:443/a/?utm_source=x&z=1&b=2#top',
    'https://example.com/',
    'https://example.com/a//',
    'https://example.com/a/b/?q=a%20b&q=c+d',
    'http://example.com:8080/x?utm_medium=a&amp',
    'https://example.ir/خبر/۱۲۳/?ref=home',
  ])('is idempotent for %s', (input) => {
    const once = canonicalizeUrl(input);
    expect(canonicalizeUrl(once)).toBe(once);
  });

  it('gives the same answer for spellings of the same article', () => {
    const spellings = [
      'https://www.example.com/news/42',
      'https://WWW.EXAMPLE.COM/news/42/',
      'https://www.example.com:443/news/42#section-2',
      'https://www.example.com/news/42?utm_source=telegram&utm_medium=channel',
      'https://www.example.com/news/42/?fbclid=abc#x',
    ];
    expect(new Set(spellings.map(canonicalizeUrl))).toEqual(new Set(['https://www.example.com/news/42']));
  });

  it('throws on something that is not a URL', () => {
    expect(() => canonicalizeUrl('not a url')).toThrow();
  });
});

describe('stripTracking', () => {
  it('keeps the site trailing slash', () => {
    expect(stripTracking('https://www.ilna.ir/news/1700000/?utm_source=feed')).toBe(
      'https://www.ilna.ir/news/1700000/',
    );
  });

  it('keeps non-tracking parameters in their original order', () => {
    expect(stripTracking('https://example.com/a/?z=1&utm_campaign=c&a=2&gclid=g')).toBe(
      'https://example.com/a/?z=1&a=2',
    );
  });

  it('removes the fragment and lower-cases the host', () => {
    expect(stripTracking('https://Example.com/Path/#frag')).toBe('https://example.com/Path/');
  });

  it('leaves a URL without tracking parameters as it was', () => {
    expect(stripTracking('https://example.com/a/b/?id=3&page=2')).toBe(
      'https://example.com/a/b/?id=3&page=2',
    );
  });

  it('does not leave a dangling "?" once every parameter is gone', () => {
    expect(stripTracking('https://example.com/a?utm_source=x&fbclid=y')).toBe('https://example.com/a');
  });
});

describe('articleIdFor', () => {
  it('is 32 lower-case hex characters', () => {
    expect(articleIdFor('https://www.example.com/a')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('is the same for every spelling of one URL', () => {
    expect(articleIdFor('https://WWW.Example.com:443/a/?utm_source=x#top')).toBe(
      articleIdFor('https://www.example.com/a'),
    );
  });

  it('does not change when given an already canonical URL', () => {
    const raw = 'https://example.com/a//?utm_source=x';
    expect(articleIdFor(canonicalizeUrl(raw))).toBe(articleIdFor(raw));
  });

  it('differs between articles', () => {
    expect(articleIdFor('https://www.example.com/a')).not.toBe(articleIdFor('https://www.example.com/b'));
    expect(articleIdFor('https://www.example.com/a?id=1')).not.toBe(
      articleIdFor('https://www.example.com/a?id=2'),
    );
    expect(articleIdFor('http://www.example.com/a')).not.toBe(articleIdFor('https://www.example.com/a'));
  });
});

describe('absoluteHttpUrl', () => {
  const base = 'https://example.com/news/2025/item.html';

  it.each([
    ['a relative path', 'photo.jpg', 'https://example.com/news/2025/photo.jpg'],
    ['a parent path', '../archive/', 'https://example.com/news/archive/'],
    ['a root-relative path', '/about', 'https://example.com/about'],
    ['a protocol-relative URL', '//cdn.example.net/a.png', 'https://cdn.example.net/a.png'],
    ['an absolute http URL', 'http://other.example/x', 'http://other.example/x'],
    ['a query only', '?page=2', 'https://example.com/news/2025/item.html?page=2'],
    ['surrounding whitespace', '  /a b  ', 'https://example.com/a%20b'],
  ])('resolves %s', (_name, href, expected) => {
    expect(absoluteHttpUrl(href, base)).toBe(expected);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['mailto:', 'mailto:editor@example.com'],
    ['data:', 'data:image/png;base64,AAAA'],
    ['ftp:', 'ftp://example.com/file'],
    ['tel:', 'tel:+982100000000'],
    ['an unparsable URL', 'http://[not-an-ip]/'],
    ['an empty string', ''],
    ['null', null],
    ['undefined', undefined],
  ])('returns null for %s', (_name, href) => {
    expect(absoluteHttpUrl(href, base)).toBeNull();
  });
});
