import { describe, expect, it } from '@jest/globals';
import { repairXml } from './xml-repair.js';

describe('repairXml', () => {
  it.each([
    ['stray ampersand', '<t>Q&A</t>', '<t>Q&amp;A</t>'],
    ['ampersand before a space', '<t>Tom & Jerry</t>', '<t>Tom &amp; Jerry</t>'],
    ['entity without semicolon', '<t>&amp x</t>', '<t>&amp;amp x</t>'],
    ['query string', '<link>https://a.ir/?x=1&y=2</link>', '<link>https://a.ir/?x=1&amp;y=2</link>'],
    ['XML entities kept', '<t>&lt;b&gt; &amp; &quot;&apos;</t>', '<t>&lt;b&gt; &amp; &quot;&apos;</t>'],
    ['numeric references kept', '<t>&#8204;&#x200C;</t>', '<t>&#8204;&#x200C;</t>'],
    ['numeric reference to a control character', '<t>&#1;</t>', '<t>&amp;#1;</t>'],
    ['numeric reference to a surrogate', '<t>&#xD800;</t>', '<t>&amp;#xD800;</t>'],
    ['HTML entities made numeric', '<t>a&nbsp;b&zwnj;c&raquo;</t>', '<t>a&#160;b&#8204;c&#187;</t>'],
    ['unknown entity kept as text', '<t>&bogus;</t>', '<t>&amp;bogus;</t>'],
    [
      'BOM and whitespace before the prolog',
      '\uFEFF \n<?xml version="1.0"?><t/>',
      '<?xml version="1.0"?><t/>',
    ],
    ['control characters dropped', '<t>a\u0001b\u000Bc\td</t>', '<t>abc\td</t>'],
  ])('%s', (_name, input, expected) => {
    expect(repairXml(input)).toBe(expected);
  });

  it('leaves broken markup alone', () => {
    expect(repairXml('<rss><channel><item><title>a</item>')).toBe('<rss><channel><item><title>a</item>');
  });
});
