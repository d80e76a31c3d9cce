// Date parsing entry point: the three parsers live in their own modules
// (one job each) and are re-exported here as the public date-parse API.
export { findJalaliDates, type FoundDate } from './jalali-dates.js';
export { parseRelativePersian } from './relative-date.js';
export { parseGregorian } from './gregorian-date.js';
