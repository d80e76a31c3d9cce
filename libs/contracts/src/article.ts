import { z } from 'zod';

export const SourceSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  domain: z.string().min(1),
});
export type Source = z.infer<typeof SourceSchema>;

export const ImageSchema = z.object({
  url: z.url(),
  caption: z.string().nullable(),
});
export type ArticleImage = z.infer<typeof ImageSchema>;

const isoUtc = z.iso.datetime();

/** `news.articles.v1`: the structured article, the product's main public event. */
export const ArticleEventSchema = z.object({
  id: z.string().min(1),
  url: z.url(),
  canonicalUrl: z.url(),
  source: SourceSchema,
  feedUrl: z.url().nullable(),
  language: z.string().length(2),
  kicker: z.string().nullable(),
  title: z.string().min(1),
  lead: z.string().nullable(),
  body: z.string(),
  bodyHtml: z.string(),
  author: z.string().nullable(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  images: z.array(ImageSchema),
  publishedAt: isoUtc.nullable(),
  publishedAtJalali: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/)
    .nullable(),
  fetchedAt: isoUtc,
  parsedAt: isoUtc,
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ArticleEvent = z.infer<typeof ArticleEventSchema>;
