import { z } from 'zod';

/** The feed item as the fetcher saw it; every field but the link is optional in real feeds. */
export const FeedItemSchema = z.object({
  guid: z.string().nullable(),
  title: z.string().nullable(),
  link: z.string(),
  summary: z.string().nullable(),
  author: z.string().nullable(),
  categories: z.array(z.string()),
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type FeedItem = z.infer<typeof FeedItemSchema>;

/** `news.raw-articles.v1`: one fetched article page, decoded to text, plus the item that pointed to it. */
export const RawArticleEventSchema = z.object({
  id: z.string().min(1),
  feedUrl: z.url(),
  item: FeedItemSchema,
  requestedUrl: z.url(),
  finalUrl: z.url(),
  httpStatus: z.number().int(),
  contentType: z.string().nullable(),
  charset: z.string(),
  fetchedAt: z.iso.datetime({ offset: true }),
  html: z.string(),
});
export type RawArticleEvent = z.infer<typeof RawArticleEventSchema>;
