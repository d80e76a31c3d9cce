/** Topic names are part of the public contract: a breaking change means a new `.v2` topic. */
export const TOPICS = {
  rawArticles: 'news.raw-articles.v1',
  articles: 'news.articles.v1',
  feedStatus: 'news.feed-status.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

/** Dead letters of a topic live beside it, with the reason in a header. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** CloudEvents `type` of the event each topic carries. */
export const EVENT_TYPES = {
  [TOPICS.rawArticles]: 'ir.news.article.fetched.v1',
  [TOPICS.articles]: 'ir.news.article.parsed.v1',
  [TOPICS.feedStatus]: 'ir.news.feed.polled.v1',
} as const;

/** The topics whose consumers send what they cannot process to `<topic>.dlq`. */
export const DEAD_LETTER_SOURCE_TOPICS = [TOPICS.rawArticles, TOPICS.articles] as const;
