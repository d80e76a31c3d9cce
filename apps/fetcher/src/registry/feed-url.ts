import { z } from 'zod';

/** Longest feed URL accepted: far beyond real feeds, short of abuse. */
export const MAX_FEED_URL_LENGTH = 2048;
export const MAX_TITLE_LENGTH = 500;

/**
 * Why `raw` cannot be a feed URL, or null when it can: http(s) only, within
 * the length limit, and without user:password (it would be stored and
 * shown in the API and the logs).
 */
export function feedUrlProblem(raw: string): string | null {
  if (raw.length > MAX_FEED_URL_LENGTH) return `longer than ${MAX_FEED_URL_LENGTH} characters`;
  if (!URL.canParse(raw)) return 'not a valid URL';
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `only http and https feeds are polled, not ${url.protocol}`;
  if (url.username || url.password) return 'URLs with credentials are refused';
  return null;
}

/** A feed URL in a request body: trimmed, then checked as `feedUrlProblem` says. */
export const FeedUrl = z
  .string({ error: 'url must be a string' })
  .trim()
  .min(1, 'url must not be empty')
  .superRefine((value, ctx) => {
    const problem = feedUrlProblem(value);
    if (problem)
      ctx.addIssue({ code: 'custom', message: `url ${JSON.stringify(value.slice(0, 200))}: ${problem}` });
  });

/** An optional title: trimmed, control characters refused, bounded; empty means none. */
export const FeedTitle = z
  .string({ error: 'title must be a string' })
  .trim()
  .max(MAX_TITLE_LENGTH, `title must be at most ${MAX_TITLE_LENGTH} characters`)
  // eslint-disable-next-line no-control-regex
  .refine((value) => !/[\u0000-\u001F\u007F]/.test(value), 'title must not contain control characters')
  .transform((value) => value || null);
