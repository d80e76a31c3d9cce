export { toAsciiDigits, toPersianDigits } from './digits.js';
export { compactForSearch, normalizeForSearch, searchVariants } from './normalize.js';
export { detectLanguage } from './language.js';
export { toPersianLetters } from './arabic-chars.js';
export { TEHRAN_ZONE, formatJalaliTehran, jalaliToUtc, toJalaliParts, type JalaliParts } from './jalali.js';
export { findJalaliDates, parseGregorian, parseRelativePersian, type FoundDate } from './date-parse.js';
