import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import { instantParam, NoQueryParams, parseQuery, textParam } from './query-params.js';

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as Error).message;
  }
  throw new Error('expected a BadRequestException');
};

describe('parseQuery', () => {
  it('refuses parameters an endpoint does not take, naming them', () => {
    expect(messageOf(() => parseQuery(NoQueryParams, { limit: '5', page: '2' }))).toBe(
      'unknown query parameter "limit", "page"',
    );
    expect(parseQuery(NoQueryParams, {})).toEqual({});
  });

  it('prefixes a message that does not name its parameter', () => {
    const schema = z.strictObject({ n: z.coerce.number().max(3) });
    expect(messageOf(() => parseQuery(schema, { n: '4' }))).toBe('n: Too big: expected number to be <=3');
  });
});

describe('textParam', () => {
  const schema = z.strictObject({ s: textParam('s', 8) });

  it.each([
    [{ s: '' }, 's must not be empty'],
    [{ s: 'abcdefghi' }, 's must be at most 8 characters'],
    [{ s: 'a\u0000b' }, 's must not contain control characters'],
    [{ s: 'a\nb' }, 's must not contain control characters'],
    [{ s: ['a', 'b'] }, 's must be given once, as text'],
  ])('refuses %j', (raw, message) => {
    expect(messageOf(() => parseQuery(schema, raw))).toBe(message);
  });

  it('accepts Persian text with a ZWNJ', () => {
    expect(parseQuery(schema, { s: 'می\u200cرود' })).toEqual({ s: 'می\u200cرود' });
  });
});

describe('instantParam', () => {
  const schema = z.strictObject({ at: instantParam('at') });

  it.each([
    ['2025-10-01T08:00:00Z', '2025-10-01T08:00:00.000Z'],
    ['2025-10-01T11:30:00+03:30', '2025-10-01T08:00:00.000Z'],
    ['2025-10-01', '2025-10-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ])('reads %s as %s', (value, iso) => {
    expect(parseQuery(schema, { at: value }).at.toISOString()).toBe(iso);
  });

  it.each([
    '2025-02-29',
    '2025-10-01T08:00:00',
    '2025-10-01 08:00:00Z',
    '1696147200',
    'now',
    '+275760-09-13',
  ])('refuses %s', (value) => {
    expect(messageOf(() => parseQuery(schema, { at: value }))).toMatch(/^at must be an ISO 8601 date-time/);
  });
});
