import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import type { ListQuery } from './article.repository.js';

const ListParamsSchema = z.object({
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1)
    .max(100)
    .default(20),
  cursor: z.string().max(200).optional(),
  source: z.string().min(1).max(100).optional(),
  since: z.iso.datetime({ offset: true, error: 'since must be an ISO 8601 date-time' }).optional(),
});

/** Cursor: base64url of "<sortAt ISO>|<id>", opaque to clients. */
export function encodeCursor(key: { sortAt: Date; id: string }): string {
  return Buffer.from(`${key.sortAt.toISOString()}|${key.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { sortAt: Date; id: string } {
  const [iso, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const sortAt = new Date(iso ?? '');
  if (extra !== undefined || !id || !/^[0-9a-f]{32}$/.test(id) || Number.isNaN(sortAt.getTime())) {
    throw new BadRequestException('cursor is not valid: pass nextCursor from a previous page unchanged');
  }
  return { sortAt, id };
}

/** Query string → repository query; a bad value is a 400 naming the parameter. */
export function parseListQuery(raw: Record<string, unknown>): ListQuery {
  const parsed = ListParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequestException(`${issue.path.join('.') || 'query'}: ${issue.message}`);
  }
  const { limit, cursor, source, since } = parsed.data;
  return {
    limit,
    source,
    since: since ? new Date(since) : undefined,
    after: cursor ? decodeCursor(cursor) : undefined,
  };
}
