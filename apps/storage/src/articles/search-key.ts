import type { ArticleEvent } from '@news/contracts';
import { compactForSearch, normalizeForSearch } from '@news/persian';

/**
 * An article's title, lead and body normalized for search (Arabic letters folded to Persian,
 * digits to ASCII, ZWNJ removed …; see libs/persian), words still spaced: the `search_text` the
 * first search migration stored, before `search_compact` replaced it (compact-article-storage.ts).
 */
export function articleSearchText(article: Pick<ArticleEvent, 'title' | 'lead' | 'body'>): string {
  return normalizeForSearch(searchedText(article));
}

/**
 * The key both stores keep and search (`search_compact`): the search text without its spaces, so
 * a query matches however either side spaced or joined its words (see `compactQueryKey`).
 */
export function articleSearchKey(article: Pick<ArticleEvent, 'title' | 'lead' | 'body'>): string {
  return compactForSearch(searchedText(article));
}

/** What an article is searched by: its title, lead (when it has one) and body, a line each. */
function searchedText(article: Pick<ArticleEvent, 'title' | 'lead' | 'body'>): string {
  return [article.title, article.lead, article.body].filter(Boolean).join('\n');
}

/**
 * The query's key for matching against `search_compact`: normalized like the articles, with
 * every space removed, so the spacing and ZWNJs of either side do not matter.
 */
export function compactQueryKey(query: string): string {
  return compactForSearch(query);
}

/**
 * Fewest letters or digits a search term may have: one letter (the conjunction «و») matches nearly
 * every article and gives the trigram index nothing to work with.
 */
export const MIN_TERM_LETTERS = 2;
/** Most terms one search may have: each is one more condition on every article it reads. */
export const MAX_SEARCH_TERMS = 8;

// A comma, Latin or Persian, between phrases; not one inside a number (1,000).
const TERM_SEPARATOR = /(?<!\p{N})[,،]|[,،](?!\p{N})/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;

/**
 * The terms of a search, each a compact key (compactQueryKey) that a matching article contains:
 * the query is one phrase, or several separated by commas (`,` or `،`). A space does not separate
 * terms: Persian writes a compound with a ZWNJ, a space or nothing (نخست‌وزیر, نخست وزیر), and
 * all three must find the same articles, so `نخست وزیر` is the phrase and `دستمزد، کارگران`
 * asks for articles with both words anywhere. Terms with fewer than MIN_TERM_LETTERS letters or
 * digits are left out, and so is a term inside another (an article with the longer has it too).
 */
export function searchTerms(query: string): string[] {
  const keys = query
    .split(TERM_SEPARATOR)
    .map(compactQueryKey)
    .filter((key) => (key.match(LETTER_OR_DIGIT)?.length ?? 0) >= MIN_TERM_LETTERS);
  const unique = [...new Set(keys)];
  return unique.filter((key) => !unique.some((other) => other !== key && other.includes(key)));
}

/** A `LIKE … ESCAPE '\'` pattern matching the key anywhere: `%` and `_` in the query match themselves. */
export function containsPattern(key: string): string {
  return `%${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * SQL for the UTC day of an instant, as whole days since 2000-01-01: what the search index keeps
 * beside the trigrams (add-search-days.ts). Written without `extract(epoch …)`, which PostgreSQL
 * does not hold immutable for timestamptz, so that an index may use it; a query must spell it the
 * same way to use the index. Monotonic, so `day(x) >= day(t)` holds for every x >= t.
 */
export const sortDay = (column: string) =>
  `extract(day FROM ${column} - timestamptz '2000-01-01 00:00:00+00')::int`;
