import type { z } from 'zod';
import { ArticleEventSchema } from './article.js';
import { FeedStatusEventSchema } from './feed-status.js';
import { RawArticleEventSchema } from './raw-article.js';
import { TOPICS } from './topics.js';

/** Which schema guards which topic: producers validate before send, consumers after receive. */
export const TOPIC_SCHEMAS = {
  [TOPICS.rawArticles]: RawArticleEventSchema,
  [TOPICS.articles]: ArticleEventSchema,
  [TOPICS.feedStatus]: FeedStatusEventSchema,
} as const;

export type TopicSchemas = typeof TOPIC_SCHEMAS;
export type EventOf<T extends keyof TopicSchemas> = z.infer<TopicSchemas[T]>;
