import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { decodeBody } from './charset.js';

// "Government spokesman: the news agencies say…" with ZWNJ (U+200C) inside
// «خبرگزاری‌ها» and «می‌گویند»; in windows-1256 ZWNJ is the single byte 0x9D.
// Written with the Arabic yeh (U+064A), as cp1256 sites do: windows-1256 has
// no Farsi yeh (U+06CC) at all.
const PERSIAN = 'سخنگوي دولت: خبرگزاري\u200cها مي\u200cگويند «گزارش» درست است.';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);
const UTF16BE_BOM = Buffer.from([0xfe, 0xff]);

function html(head: string): string {
  return `<!doctype html><html><head>${head}<title>خبر</title></head><body><p>${PERSIAN}</p></body></html>`;
}

function xml(prolog: string): string {
  return `${prolog}<rss version="2.0"><channel><item><title>${PERSIAN}</title></item></channel></rss>`;
}

const cp1256 = (text: string): Buffer => iconv.encode(text, 'win1256');
const utf16le = (text: string): Buffer => Buffer.from(text, 'utf16le');
const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

describe('decodeBody test data', () => {
  it('really encodes ZWNJ as 0x9D in windows-1256, so the tests below exercise it', () => {
    expect([...cp1256('\u200c')]).toEqual([0x9d]);
    expect(cp1256(PERSIAN).includes(0x9d)).toBe(true);
    expect(PERSIAN.includes('\u200c')).toBe(true);
    expect(iconv.decode(cp1256(PERSIAN), 'win1256')).toBe(PERSIAN);
  });
});

describe('decodeBody', () => {
  describe('UTF-8', () => {
    it.each(['html', 'xml'] as const)('decodes %s without a BOM', (kind) => {
      const text = kind === 'html' ? html('<meta charset="utf-8">') : xml('<?xml version="1.0"?>');
      expect(decodeBody(Buffer.from(text, 'utf8'), null, kind)).toEqual({ text, charset: 'UTF-8' });
    });

    it.each(['html', 'xml'] as const)('decodes %s with a BOM and drops the BOM', (kind) => {
      const text = kind === 'html' ? html('') : xml('<?xml version="1.0"?>');
      const result = decodeBody(Buffer.concat([UTF8_BOM, Buffer.from(text, 'utf8')]), null, kind);
      expect(result.charset).toBe('UTF-8');
      expect(result.text).toBe(text);
    });

    it.each(['html', 'xml'] as const)('assumes UTF-8 for %s that declares nothing', (kind) => {
      const text = kind === 'html' ? html('') : xml('');
      expect(decodeBody(Buffer.from(text, 'utf8'), 'text/html', kind)).toEqual({ text, charset: 'UTF-8' });
    });

    it('assumes UTF-8 with no Content-Type at all', () => {
      expect(decodeBody(Buffer.from(PERSIAN, 'utf8'), null, 'html')).toEqual({
        text: PERSIAN,
        charset: 'UTF-8',
      });
    });

    it('decodes an empty body', () => {
      expect(decodeBody(new Uint8Array(0), null, 'xml')).toEqual({ text: '', charset: 'UTF-8' });
    });
  });

  describe('UTF-16 with a BOM', () => {
    it.each([
      ['html', 'LE', UTF16LE_BOM, utf16le, 'UTF-16LE'],
      ['html', 'BE', UTF16BE_BOM, utf16be, 'UTF-16BE'],
      ['xml', 'LE', UTF16LE_BOM, utf16le, 'UTF-16LE'],
      ['xml', 'BE', UTF16BE_BOM, utf16be, 'UTF-16BE'],
    ] as const)('decodes %s in UTF-16%s', (kind, _order, bom, encode, charset) => {
      const text = kind === 'html' ? html('') : xml('<?xml version="1.0" encoding="UTF-16"?>');
      const result = decodeBody(Buffer.concat([bom, encode(text)]), null, kind);
      expect(result.charset).toBe(charset);
      expect(result.text).toBe(text);
    });
  });

  describe('windows-1256', () => {
    it('follows the charset in the HTTP header', () => {
      const text = html('');
      expect(decodeBody(cp1256(text), 'text/html; charset=windows-1256', 'html')).toEqual({
        text,
        charset: 'windows-1256',
      });
    });

    it('accepts a quoted, upper-case alias in the header', () => {
      const text = html('');
      expect(decodeBody(cp1256(text), 'text/html; Charset="CP1256"', 'html')).toEqual({
        text,
        charset: 'windows-1256',
      });
    });

    it('follows <meta charset> when the header has none', () => {
      const text = html('<meta charset="windows-1256">');
      expect(decodeBody(cp1256(text), 'text/html', 'html')).toEqual({ text, charset: 'windows-1256' });
    });

    it('follows <meta http-equiv="Content-Type"> when the header has none', () => {
      const text = html('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">');
      expect(decodeBody(cp1256(text), null, 'html')).toEqual({ text, charset: 'windows-1256' });
    });

    it('follows the XML prolog for a feed', () => {
      const text = xml('<?xml version="1.0" encoding="windows-1256"?>');
      expect(decodeBody(cp1256(text), 'application/rss+xml', 'xml')).toEqual({
        text,
        charset: 'windows-1256',
      });
    });

    it('follows an XML prolog written with single quotes', () => {
      const text = xml("<?xml version='1.0' encoding='windows-1256' standalone='yes'?>");
      expect(decodeBody(cp1256(text), null, 'xml')).toEqual({ text, charset: 'windows-1256' });
    });

    it('follows the header for a feed too', () => {
      const text = xml('<?xml version="1.0"?>');
      expect(decodeBody(cp1256(text), 'application/xml; charset=windows-1256', 'xml')).toEqual({
        text,
        charset: 'windows-1256',
      });
    });

    it('does not read an XML prolog for HTML', () => {
      // The prolog is an XML thing; an HTML page with one and no <meta> is UTF-8.
      const text = xml('<?xml version="1.0" encoding="windows-1256"?>');
      expect(decodeBody(Buffer.from(text, 'utf8'), null, 'html').charset).toBe('UTF-8');
    });
  });

  describe('precedence', () => {
    it('prefers the header over <meta> for HTML', () => {
      const text = html('<meta charset="utf-8">');
      expect(decodeBody(cp1256(text), 'text/html; charset=windows-1256', 'html')).toEqual({
        text,
        charset: 'windows-1256',
      });
    });

    it('prefers the header over the prolog for XML', () => {
      const text = xml('<?xml version="1.0" encoding="UTF-8"?>');
      expect(decodeBody(cp1256(text), 'text/xml; charset=windows-1256', 'xml')).toEqual({
        text,
        charset: 'windows-1256',
      });
    });

    it.each(['html', 'xml'] as const)('prefers a UTF-8 BOM over the header for %s', (kind) => {
      const text = kind === 'html' ? html('<meta charset="windows-1256">') : xml('<?xml version="1.0"?>');
      const bytes = Buffer.concat([UTF8_BOM, Buffer.from(text, 'utf8')]);
      expect(decodeBody(bytes, 'text/html; charset=windows-1256', kind)).toEqual({ text, charset: 'UTF-8' });
    });

    it.each(['html', 'xml'] as const)('prefers a UTF-16LE BOM over the header for %s', (kind) => {
      const text = kind === 'html' ? html('') : xml('');
      const bytes = Buffer.concat([UTF16LE_BOM, utf16le(text)]);
      expect(decodeBody(bytes, 'text/html; charset=windows-1256', kind)).toEqual({
        text,
        charset: 'UTF-16LE',
      });
    });

    it('ignores an unknown charset label in the header and falls back to <meta>', () => {
      const text = html('<meta charset="windows-1256">');
      expect(decodeBody(cp1256(text), 'text/html; charset=no-such-charset', 'html')).toEqual({
        text,
        charset: 'windows-1256',
      });
    });

    it('ignores an unknown charset label in the header and falls back to the prolog', () => {
      const text = xml('<?xml version="1.0" encoding="windows-1256"?>');
      expect(decodeBody(cp1256(text), 'text/xml; charset=no-such-charset', 'xml')).toEqual({
        text,
        charset: 'windows-1256',
      });
    });
  });

  describe('a UTF-16 declaration on bytes that are not UTF-16', () => {
    // Text readable as ASCII cannot be UTF-16; the HTML spec reads such a
    // <meta> as UTF-8, and a feed written by a .NET StringWriter says
    // encoding="utf-16" while being served as UTF-8.
    it('reads <meta charset="utf-16"> as UTF-8', () => {
      const text = html('<meta charset="utf-16">');
      expect(decodeBody(Buffer.from(text, 'utf8'), null, 'html')).toEqual({ text, charset: 'UTF-8' });
    });

    it('reads an XML prolog saying utf-16 as UTF-8', () => {
      const text = xml('<?xml version="1.0" encoding="utf-16"?>');
      expect(decodeBody(Buffer.from(text, 'utf8'), null, 'xml')).toEqual({ text, charset: 'UTF-8' });
    });
  });
});
