import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { toAsciiDigits, toPersianDigits } from './digits.js';

describe('toAsciiDigits', () => {
  it('maps Persian and Arabic-Indic digits to ASCII and leaves everything else', () => {
    expect(toAsciiDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(toAsciiDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toAsciiDigits('ساعت ۲۰:۳۰ و ٤٥ abc 7')).toBe('ساعت 20:30 و 45 abc 7');
  });
});

describe('toPersianDigits', () => {
  it('maps ASCII and Arabic-Indic digits to Persian', () => {
    expect(toPersianDigits('0123456789')).toBe('۰۱۲۳۴۵۶۷۸۹');
    expect(toPersianDigits('٠١٢٣٤٥٦٧٨٩')).toBe('۰۱۲۳۴۵۶۷۸۹');
    expect(toPersianDigits('1404/06/31 abc')).toBe('۱۴۰۴/۰۶/۳۱ abc');
  });

  it('round-trips through toAsciiDigits for any string', () => {
    const digitHeavy = fc.string({
      unit: fc.constantFrom(...'0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩ab/-:، '.split('')),
    });
    for (const arb of [fc.string(), fc.string({ unit: 'grapheme' }), digitHeavy]) {
      fc.assert(fc.property(arb, (s) => toAsciiDigits(toPersianDigits(s)) === toAsciiDigits(s)));
    }
  });
});
