// Words that never start or end a key phrase. stopwords-iso gives the function
// words of Persian, Arabic (quotes, religious and official formulas in Persian
// news) and English; news boilerplate is added here: agency names and the words
// every report opens with, which would otherwise be the "key phrase" of every
// article from that agency.

import { createRequire } from 'node:module';

import { topicKey } from './topic-key.js';

// stopwords-iso ships JSON only; createRequire reads it the same way under
// Node, the built services and Jest's ESM mode.
const stopwordsIso = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;

/** Agency and outlet names, report/boilerplate words, time words: frequent in leads, never a topic alone. */
export const NEWS_BOILERPLATE: readonly string[] = [
  // agencies and outlets as they sign their leads
  'خبرگزاری',
  'ایلنا',
  'ایرنا',
  'ایسنا',
  'ایسکانیوز',
  'تسنیم',
  'مهر',
  'فارس',
  'برنا',
  'میزان',
  'دانشجو',
  'باشگاه',
  'خبرنگاران',
  'جوان',
  'همشهری',
  'آنلاین',
  'انلاین',
  'فردا',
  'عصرایران',
  'خبرآنلاین',
  'صداوسیما',
  'سیما',
  'خبرنگار',
  'خبرنگاران',
  'گزارش',
  'گزارشگر',
  'به‌گزارش',
  'نقل',
  'اختصاصی',
  'سرویس',
  'گروه',
  'خبر',
  'اخبار',
  'خبری',
  'منبع',
  'بخش',
  'لینک',
  'کوتاه',
  'عکس',
  'تصاویر',
  'ویدئو',
  'ویدیو',
  'فیلم',
  'اینفوگرافیک',
  // reporting verbs and fillers
  'گفت',
  'گفته',
  'افزود',
  'اظهار',
  'داشت',
  'کرد',
  'کردند',
  'کرده',
  'شد',
  'شده',
  'شدند',
  'است',
  'بود',
  'اعلام',
  'تاکید',
  'تأکید',
  'عنوان',
  'بیان',
  'ادامه',
  'اشاره',
  'خاطرنشان',
  'تصریح',
  'درباره',
  'پیرامون',
  'همچنین',
  'سوی',
  'اساس',
  'براساس',
  'طبق',
  'نیز',
  'وی',
  'ایشان',
  'اینکه',
  'آنکه',
  'هم',
  'یک',
  'دو',
  'سه',
  // time words
  'امروز',
  'دیروز',
  'فردا',
  'امشب',
  'دیشب',
  'صبح',
  'ظهر',
  'عصر',
  'شب',
  'شنبه',
  'یکشنبه',
  'دوشنبه',
  'سه‌شنبه',
  'چهارشنبه',
  'پنجشنبه',
  'پنج‌شنبه',
  'جمعه',
  'روز',
  'روزها',
  'هفته',
  'ماه',
  'سال',
  'سالها',
  'ساعت',
  'دقیقه',
  'اکنون',
  'حالا',
  'اخیر',
  'اخیرا',
  'جاری',
  'گذشته',
  'آینده',
  'قبل',
  'بعد',
  // English boilerplate
  'news',
  'report',
  'reports',
  'photo',
  'photos',
  'video',
  'says',
  'said',
];

/**
 * Words of the stopword lists that begin compounds written with a space as often as with a ZWNJ
 * (نخست وزیر / نخست‌وزیر, بین المللی / بین‌المللی): never a topic alone, they may start a phrase but
 * not end one. As plain stopwords they would make the spaced spelling no phrase at all.
 */
const COMPOUND_HEADS: ReadonlySet<string> = new Set(['نخست', 'بین'].map(topicKey));

// Suffixes written after a ZWNJ (کتاب‌ها, بزرگ‌ترین): parts of words, never topics.
const SUFFIXES = ['ها', 'های', 'هایی', 'ای', 'ی', 'تر', 'ترین', 'اش', 'شان', 'مان', 'تان', 'ام', 'ات', 'اند'];

const STOPWORD_KEYS: ReadonlySet<string> = new Set(
  [
    ...(stopwordsIso.fa ?? []),
    ...(stopwordsIso.ar ?? []),
    ...(stopwordsIso.en ?? []),
    ...NEWS_BOILERPLATE,
    ...SUFFIXES,
  ]
    .map(topicKey)
    .filter((key) => key.length > 0 && !COMPOUND_HEADS.has(key)),
);

/** Whether a word (given by its {@link topicKey}) may start a phrase but neither end one nor stand alone. */
export function isCompoundHead(key: string): boolean {
  return COMPOUND_HEADS.has(key);
}

// Numbers, and numbers with a unit or an ordinal suffix (1404, 12م, 3rd): dates and counts, not topics.
const NUMBER_LIKE = /^\p{N}+(?:[.,/]\p{N}+)*\p{L}{0,2}$/u;

const BASE_LANGUAGES = new Set(['fa', 'ar', 'en']);
const languageStopwords = new Map<string, ReadonlySet<string> | null>();

/**
 * The stopwords of an article's own language (ISO 639-1, as stopwords-iso names it) when it is not
 * one of those always applied (fa, ar, en), as keys; null when there are none to add. A Kurdish or
 * Turkish article in a Persian feed then does not make its function words key phrases.
 */
export function extraStopwords(language: string | null | undefined): ReadonlySet<string> | null {
  const code = language?.toLowerCase().split(/[-_]/)[0];
  if (!code || BASE_LANGUAGES.has(code) || !Object.hasOwn(stopwordsIso, code)) return null;
  let set = languageStopwords.get(code);
  if (set === undefined) {
    set = new Set(stopwordsIso[code].map(topicKey).filter((key) => key.length > 0));
    languageStopwords.set(code, set);
  }
  return set;
}

/**
 * Whether a token (given by its {@link topicKey}) may not start or end a key phrase: a function word,
 * news boilerplate, a number, or a single character.
 */
export function isStopword(key: string): boolean {
  return STOPWORD_KEYS.has(key) || [...key].length < 2 || NUMBER_LIKE.test(key);
}
