import { describe, expect, it } from '@jest/globals';
import * as persian from '@news/persian';

describe('@news/persian public API', () => {
  it('exports exactly the documented functions and constant', () => {
    expect(Object.keys(persian).sort()).toEqual(
      [
        'TEHRAN_ZONE',
        'compactForSearch',
        'detectLanguage',
        'findJalaliDates',
        'formatJalaliTehran',
        'jalaliToUtc',
        'normalizeForSearch',
        'parseGregorian',
        'parseRelativePersian',
        'searchVariants',
        'toAsciiDigits',
        'toJalaliParts',
        'toPersianDigits',
        'toPersianLetters',
      ].sort(),
    );
    expect(persian.TEHRAN_ZONE).toBe('Asia/Tehran');
  });
});
