import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import { instantParam, parseQuery, textParam } from '../http/query-params.js';
import { topicKeyParam } from '../topics/topic-params.js';
import type { ListQuery } from './article.repository.js';
import { MAX_SEARCH_TERMS, MIN_TERM_LETTERS, searchTerms } from './search-key.js';

/** `full`: every field. `summary`: all but body and bodyHtml, for lists (1.4 KB an article against 9.5 KB). */
export const ARTICLE_VIEWS = ['full', 'summary'] as const;
export type ArticleView = (typeof ARTICLE_VIEWS)[number];

/** A list request: what the repository reads, and how much of each article the response shows. */
export interface ListRequest extends ListQuery {
  view: ArticleView;
}

const ListParamsSchema = z.strictObject({
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(100, 'limit must be at most 100')
    .default(20),
  cursor: z.string({ error: 'cursor must be given once' }).max(200).optional(),
  source: textParam('source', 100).optional(),
  /** The first lower bound this API had; the same as `from`. */
  since: instantParam('since').optional(),
  q: textParam('q', 200)
    .transform(searchTerms)
    .refine(
      (terms) => terms.length > 0,
      `q must contain a phrase of at least ${MIN_TERM_LETTERS} letters or digits`,
    )
    .refine(
      (terms) => terms.length <= MAX_SEARCH_TERMS,
      `q may have at most ${MAX_SEARCH_TERMS} comma-separated phrases`,
    )
    .optional(),
  from: instantParam('from').optional(),
  to: instantParam('to').optional(),
  topic: topicKeyParam('topic').optional(),
  view: z.enum(ARTICLE_VIEWS, { error: `view must be one of: ${ARTICLE_VIEWS.join(', ')}` }).default('full'),
});

/** Cursor: base64url of "<sortAt ISO>|<id>", opaque to clients. */
export function encodeCursor(key: { sortAt: Date; id: string }): string {
  return Buffer.from(`${key.sortAt.toISOString()}|${key.id}`).toString('base64url');
}

// Exactly what encodeCursor writes: anything else (a year like -100000 included, which
// PostgreSQL would refuse with an error) was not made by this service.
const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function decodeCursor(cursor: string): { sortAt: Date; id: string } {
  const [iso, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const sortAt = new Date(iso ?? '');
  const wellFormed =
    extra === undefined &&
    !!id &&
    /^[0-9a-f]{32}$/.test(id) &&
    CURSOR_INSTANT.test(iso ?? '') &&
    !Number.isNaN(sortAt.getTime()) &&
    sortAt.toISOString() === iso;
  if (!wellFormed) {
    throw new BadRequestException('cursor is not valid: pass nextCursor from a previous page unchanged');
  }
  return { sortAt, id };
}

/** The later of two optional lower bounds: `since` and `from` both narrow the window. */
function later(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a || !b) return a ?? b;
  return a > b ? a : b;
}

/** Query string → repository query and view; a bad value is a 400 naming the parameter. */
export function parseListQuery(raw: Record<string, unknown>): ListRequest {
  const { limit, cursor, source, since, q, from, to, topic, view } = parseQuery(ListParamsSchema, raw);
  const lower = later(since, from);
  if (lower && to && lower >= to) {
    throw new BadRequestException('to must be later than from and since');
  }
  return {
    limit,
    source,
    since: lower,
    until: to,
    terms: q,
    topic,
    after: cursor ? decodeCursor(cursor) : undefined,
    view,
  };
}
