import { topicKey } from '@news/topics';
import { z } from 'zod';
import { instantParam, textParam } from '../http/query-params.js';

const MINUTE_MS = 60_000;
const UNIT_MS = { m: MINUTE_MS, h: 60 * MINUTE_MS, d: 24 * 60 * MINUTE_MS } as const;
const WINDOW = /^([1-9]\d{0,5})([mhd])$/;

export interface Window {
  /** As written in the query (`24h`). */
  text: string;
  ms: number;
}

/** A topic name in any spelling → its key; a name that normalizes to nothing is refused. */
export function topicKeyParam(name: string) {
  return textParam(name, 200)
    .transform(topicKey)
    .refine((key) => key.length > 0, `${name} must contain letters or digits`);
}

/** `<n>m`, `<n>h` or `<n>d`, from one minute up to `max`. */
export function windowParam(name: string, max: Window) {
  return z
    .string({ error: `${name} must be given once, as <n>m, <n>h or <n>d` })
    .transform((text, ctx): Window => {
      const match = WINDOW.exec(text);
      const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : NaN;
      if (!(ms <= max.ms)) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be <n>m, <n>h or <n>d (e.g. 24h), at most ${max.text}`,
        });
        return z.NEVER;
      }
      return { text, ms };
    });
}

export const limitParam = z.coerce
  .number({ error: 'limit must be a number' })
  .int('limit must be a whole number')
  .min(1, 'limit must be at least 1')
  .max(100, 'limit must be at most 100')
  .default(20);

export const TOPICS_MAX_WINDOW: Window = { text: '90d', ms: 90 * UNIT_MS.d };
/** Trending compares with the preceding 7 days: a longer window would have no baseline left. */
export const TRENDING_MAX_WINDOW: Window = { text: '7d', ms: 7 * UNIT_MS.d };

export const TopicsParams = z.strictObject({
  window: windowParam('window', TOPICS_MAX_WINDOW).default({ text: '24h', ms: 24 * UNIT_MS.h }),
  limit: limitParam,
});

export const TrendingParams = z.strictObject({
  window: windowParam('window', TRENDING_MAX_WINDOW).default({ text: '6h', ms: 6 * UNIT_MS.h }),
  limit: limitParam,
});

export const TimeseriesParams = z.strictObject({
  bucket: z.enum(['hour', 'day'], { error: 'bucket must be hour or day' }).default('hour'),
  from: instantParam('from').optional(),
  to: instantParam('to').optional(),
});
