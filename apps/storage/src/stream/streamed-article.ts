import type { ArticleEvent } from '@news/contracts';
import { topicKey, topicName } from '@news/topics';

export interface StreamTopic {
  key: string;
  name: string;
}

/** What `/articles/stream` sends per stored article: enough for a list entry, no HTML, no body. */
export interface StreamedArticle {
  id: string;
  title: string;
  kicker: string | null;
  lead: string | null;
  source: ArticleEvent['source'];
  publishedAt: string | null;
  sortAt: string;
  url: string;
  topics: StreamTopic[];
}

export interface StreamFilter {
  source?: string;
  /** A topic key (see topicKey), not a display name. */
  topic?: string;
}

export function streamedArticle(article: ArticleEvent, topics: StreamTopic[]): StreamedArticle {
  return {
    id: article.id,
    title: article.title,
    kicker: article.kicker,
    lead: article.lead,
    source: article.source,
    publishedAt: article.publishedAt,
    sortAt: article.publishedAt ?? article.fetchedAt,
    url: article.url,
    topics,
  };
}

/**
 * The article's category and tags as topics, first spelling of each key kept and named as the
 * topics tables name them (topicName): what the stream falls back to when those cannot be read.
 */
export function topicsOfFields(
  article: Pick<ArticleEvent, 'category' | 'tags'> & Partial<Pick<ArticleEvent, 'language'>>,
): StreamTopic[] {
  const topics = new Map<string, StreamTopic>();
  for (const name of [article.category ?? '', ...article.tags]) {
    const key = topicKey(name);
    if (key && !topics.has(key)) topics.set(key, { key, name: topicName(name, article.language) });
  }
  return [...topics.values()];
}

export function matchesFilter(article: StreamedArticle, filter: StreamFilter): boolean {
  if (filter.source !== undefined && article.source.id !== filter.source) return false;
  if (filter.topic !== undefined && !article.topics.some((t) => t.key === filter.topic)) return false;
  return true;
}
