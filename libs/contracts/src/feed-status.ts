import { z } from 'zod';

/** `news.feed-status.v1`: the outcome of one poll of one feed, keyed by feed id. */
export const FeedStatusEventSchema = z.object({
  feedId: z.string().min(1),
  feedUrl: z.url(),
  outcome: z.enum(['ok', 'not-modified', 'error']),
  httpStatus: z.number().int().nullable(),
  latencyMs: z.number().nonnegative(),
  newItems: z.number().int().nonnegative(),
  error: z.string().nullable(),
  polledAt: z.iso.datetime(),
});
export type FeedStatusEvent = z.infer<typeof FeedStatusEventSchema>;
