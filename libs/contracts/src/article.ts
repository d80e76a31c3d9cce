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

/** Which extraction layer gave a field: the site's profile, the page's structured data, the DOM, or the feed item. */
export const ExtractionLayerSchema = z.enum(['profile', 'structured-data', 'dom', 'feed']);
export type ExtractionLayer = z.infer<typeof ExtractionLayerSchema>;

/** Extraction health of one article, for dashboards per source. */
export const QualitySchema = z.object({
  extractedBy: z.record(z.string(), ExtractionLayerSchema),
  /** e.g. bodyTooShort, dateMissing, dateFromFeed, noProfile. */
  flags: z.array(z.string()),
});
export type ArticleQuality = z.infer<typeof QualitySchema>;

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
  // Added within v1, so optional: events recorded before them still validate.
  subtitle: z.string().nullable().optional(),
  /** The site's own news code (کد خبر). */
  newsCode: z.string().nullable().optional(),
  /** The agency a report credits (`به گزارش ایلنا` → ایلنا). */
  attribution: z.string().nullable().optional(),
  quality: QualitySchema.optional(),
});
export type ArticleEvent = z.infer<typeof ArticleEventSchema>;
