import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { encodeCursor, parseListQuery } from './list-query.js';

describe('parseListQuery', () => {
  it('defaults to 20 items', () => {
    expect(parseListQuery({})).toEqual({
      limit: 20,
      source: undefined,
      since: undefined,
      after: undefined,
      view: 'full',
    });
  });

  it('round-trips a cursor', () => {
    const key = { sortAt: new Date('2025-09-22T17:00:00.000Z'), id: 'ab'.repeat(16) };
    expect(parseListQuery({ cursor: encodeCursor(key), limit: '5', source: 'ilna' })).toEqual({
      limit: 5,
      source: 'ilna',
      since: undefined,
      after: key,
      view: 'full',
    });
  });

  it('takes view=summary, and names the views when given another', () => {
    expect(parseListQuery({ view: 'summary' }).view).toBe('summary');
    expect(() => parseListQuery({ view: 'brief' })).toThrow('view must be one of: full, summary');
    expect(() => parseListQuery({ view: ['full', 'summary'] })).toThrow('view must be one of: full, summary');
  });

  it('turns q into compact search terms: one phrase, or several separated by commas', () => {
    expect(parseListQuery({ q: 'نخست وزير ۱۴۰۴' }).terms).toEqual(['نخستوزیر1404']);
    expect(parseListQuery({ q: 'نخست وزير، ۱۴۰۴' }).terms).toEqual(['نخستوزیر', '1404']);
    expect(parseListQuery({ q: 'دستمزد,کارگران' }).terms).toEqual(['دستمزد', 'کارگران']);
  });

  it('turns topic into its key, whatever the spelling', () => {
    expect(parseListQuery({ topic: 'پزشكيان' }).topic).toBe('پزشکیان');
    expect(parseListQuery({ topic: 'نخست\u200cوزیر' }).topic).toBe(
      parseListQuery({ topic: 'نخست وزیر' }).topic,
    );
  });

  it('takes the later of since and from as the lower bound, and to as the upper one', () => {
    expect(
      parseListQuery({ since: '2025-10-01T00:00:00Z', from: '2025-10-02', to: '2025-10-03T12:00:00+03:30' }),
    ).toMatchObject({
      since: new Date('2025-10-02T00:00:00.000Z'),
      until: new Date('2025-10-03T08:30:00.000Z'),
    });
    expect(parseListQuery({ since: '2025-10-05T00:00:00Z', from: '2025-10-02' }).since).toEqual(
      new Date('2025-10-05T00:00:00.000Z'),
    );
  });

  it.each([
    { limit: '101' },
    { limit: '0' },
    { limit: 'x' },
    { since: 'soon' },
    { cursor: 'e30' },
    { cursor: 'x'.repeat(300) },
    { cursor: Buffer.from(`2025-01-01T00:00:00Z|${'a'.repeat(32)}`).toString('base64url') },
    { cursor: Buffer.from(`-100000-01-01T00:00:00.000Z|${'a'.repeat(32)}`).toString('base64url') },
    { q: 'ا' },
    { q: '\u200c' },
    { q: '%' },
    { q: '!?' }, // two characters, but no letter or digit
    { q: 'و، ی' }, // terms of one letter each
    { q: 'یک، دو، سه، چهار، پنج، شش، هفت، هشت، نه' }, // nine terms
    { topic: '…' },
    { topic: ['a', 'b'] },
    { from: '2025-10-02', to: '2025-10-02' },
    { page: '2' },
  ])('refuses %j with a 400', (query) => {
    expect(() => parseListQuery(query)).toThrow(BadRequestException);
  });
});
