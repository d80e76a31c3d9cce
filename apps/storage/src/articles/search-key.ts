import type { ArticleEvent } from '@news/contracts';
import { compactForSearch, normalizeForSearch } from '@news/persian';

/**
 * The stored search key of an article: title, lead and body, normalized for search (Arabic
 * letters folded to Persian, digits to ASCII, ZWNJ removed …; see libs/persian). A lookup key
 * only, never shown: the article keeps its own characters.
 */
export function articleSearchText(article: Pick<ArticleEvent, 'title' | 'lead' | 'body'>): string {
  return normalizeForSearch([article.title, article.lead, article.body].filter(Boolean).join('\n'));
}

/**
 * The query's key for matching against `search_compact`: normalized like the articles, with
 * every space removed, so the spacing and ZWNJs of either side do not matter.
 */
export function compactQueryKey(query: string): string {
  return compactForSearch(query);
}

/** A `LIKE … ESCAPE '\'` pattern matching the key anywhere: `%` and `_` in the query match themselves. */
export function containsPattern(key: string): string {
  return `%${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
