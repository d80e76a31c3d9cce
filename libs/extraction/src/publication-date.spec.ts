import { describe, expect, it } from '@jest/globals';
import { parseDateText } from './publication-date.js';

const fetchedAt = new Date('2025-10-01T00:00:00.000Z');
const iso = (text: string, zone?: string) => parseDateText(text, fetchedAt, zone)?.date.toISOString() ?? null;

describe('parseDateText', () => {
  it.each([
    ['2025-09-22T14:30:00+03:30', '2025-09-22T11:00:00.000Z'],
    ['2025-09-22T14:30+03:30', '2025-09-22T11:00:00.000Z'],
    ['2025-09-22T11:00:00.250Z', '2025-09-22T11:00:00.250Z'],
    ['2025-09-22T14:30:00-04:00', '2025-09-22T18:30:00.000Z'],
  ])('reads the instant %s as written', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it.each(['2025-02-31T10:00:00Z', '2025-09-22T23:60:00Z', '2025-13-01T10:00:00Z'])(
    'refuses the impossible date %s rather than rolling it over',
    (text) => {
      expect(iso(text)).toBeNull();
    },
  );

  it('reads a time without an offset in the given zone, Tehran by default', () => {
    expect(iso('2025-09-22T14:30')).toBe('2025-09-22T11:00:00.000Z');
    expect(iso('2025-09-22T14:30', 'Europe/Moscow')).toBe('2025-09-22T11:30:00.000Z');
  });

  it('leaves a Jalali year in an ISO-looking field to the Jalali reader', () => {
    expect(iso('1404-06-31T14:30:00+03:30')).toBe('2025-09-22T11:00:00.000Z');
  });
});
