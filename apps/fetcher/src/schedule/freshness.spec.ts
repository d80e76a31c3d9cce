import { describe, expect, it } from '@jest/globals';
import { cacheHintSeconds, freshnessSeconds, retryAfterSeconds } from './freshness.js';

const now = new Date('2026-11-27T10:00:00Z');

describe('retryAfterSeconds', () => {
  it.each([
    ['120', 120],
    [' 0 ', 0],
    ['Fri, 27 Nov 2026 10:30:00 GMT', 1800],
    ['Fri, 27 Nov 2026 09:00:00 GMT', 0], // already past
    ['soon', null],
    ['-5', null],
    [undefined, null],
  ])('%s → %s', (value, seconds) => {
    expect(retryAfterSeconds(value, now)).toBe(seconds);
  });
});

describe('freshnessSeconds', () => {
  it.each([
    [{ 'cache-control': 'public, max-age=600' }, 600],
    [{ 'cache-control': 'max-age=600', age: '100' }, 500],
    [{ 'cache-control': 'max-age=60', age: '100' }, 0],
    [{ 'cache-control': 'Max-Age="900"' }, 900],
    // max-age wins over Expires.
    [{ 'cache-control': 'max-age=600', expires: 'Fri, 27 Nov 2026 12:00:00 GMT' }, 600],
    [{ expires: 'Fri, 27 Nov 2026 11:00:00 GMT' }, 3600],
    // Expires is read against the server's Date, not our clock.
    [{ expires: 'Fri, 27 Nov 2026 11:00:00 GMT', date: 'Fri, 27 Nov 2026 10:50:00 GMT' }, 600],
    [{ expires: '0' }, 0],
    [{ 'cache-control': 'no-cache, max-age=600' }, null],
    [{ 'cache-control': 'no-store' }, null],
    [{ 'cache-control': 's-maxage=600' }, null],
    [{}, null],
  ])('%j → %s', (headers, seconds) => {
    expect(freshnessSeconds(headers as Record<string, string>, now)).toBe(seconds);
  });
});

describe('cacheHintSeconds', () => {
  it.each([
    [{}, null, null],
    [{}, 30, 1800],
    [{ 'cache-control': 'max-age=600' }, 30, 1800],
    [{ 'cache-control': 'max-age=7200' }, 30, 7200],
    [{ 'cache-control': 'max-age=600' }, null, 600],
  ])('%j with ttl %s → %s', (headers, ttl, seconds) => {
    expect(cacheHintSeconds(headers as Record<string, string>, ttl, now)).toBe(seconds);
  });
});
