import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { encodeCursor, parseListQuery } from './list-query.js';

describe('parseListQuery', () => {
  it('defaults to 20 items', () => {
    expect(parseListQuery({})).toEqual({ limit: 20, source: undefined, since: undefined, after: undefined });
  });

  it('round-trips a cursor', () => {
    const key = { sortAt: new Date('2025-09-22T17:00:00.000Z'), id: 'ab'.repeat(16) };
    expect(parseListQuery({ cursor: encodeCursor(key), limit: '5', source: 'ilna' })).toEqual({
      limit: 5,
      source: 'ilna',
      since: undefined,
      after: key,
    });
  });

  it.each([
    { limit: '101' },
    { limit: '0' },
    { limit: 'x' },
    { since: 'soon' },
    { cursor: 'e30' },
    { cursor: 'x'.repeat(300) },
  ])('refuses %j with a 400', (query) => {
    expect(() => parseListQuery(query)).toThrow(BadRequestException);
  });
});
