import { BadRequestException, HttpException, HttpStatus, PayloadTooLargeException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { FeedTitle, FeedUrl } from './feed-url.js';

/** A feed id as `feedIdFor` makes it. */
export const FeedId = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'feed id must be 32 lowercase hexadecimal characters (the id GET /feeds lists)');

export const ListFeedsQuery = z.strictObject({
  status: z
    .enum(['active', 'paused', 'inactive', 'unhealthy'], {
      error: 'status must be one of active, paused, inactive, unhealthy',
    })
    .optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(1000, 'limit must be at most 1000')
    .default(100),
  offset: z.coerce
    .number({ error: 'offset must be a number' })
    .int('offset must be a whole number')
    .min(0, 'offset must be 0 or more')
    .default(0),
});

export const AddFeedBody = z.strictObject(
  { url: FeedUrl, title: FeedTitle.optional() },
  { error: 'expected a JSON object {"url": …, "title"?: …}' },
);

export const DiscoverBody = z.strictObject(
  { url: FeedUrl, add: z.boolean({ error: 'add must be true or false' }).default(false) },
  { error: 'expected a JSON object {"url": …, "add"?: true}' },
);

/** Validates request input; the first problem becomes a 400 naming the field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  unknownKey: 'field' | 'query parameter' = 'field',
): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    throw new BadRequestException(`unknown ${unknownKey} ${issue.keys.map((k) => `"${k}"`).join(', ')}`);
  }
  const name = issue.path.map(String).join('.');
  throw new BadRequestException(
    !name || issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`,
  );
}

export const OPML_TYPES = ['text/x-opml', 'application/xml', 'text/xml', 'application/x-opml'];

/**
 * The raw body of an OPML upload. Nest's parsers only read JSON and forms,
 * so an XML body is still unread here: it is read with a size limit, and an
 * upload of another type is refused before any of it is read.
 */
export async function readOpmlBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!OPML_TYPES.includes(type)) {
    throw new HttpException(
      `OPML is accepted as ${OPML_TYPES.join(' or ')}, not ${type || 'a body without content-type'}`,
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    );
  }
  const tooLarge = () => new PayloadTooLargeException(`OPML over the ${maxBytes}-byte limit`);
  if (Number(req.headers['content-length']) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  if (total === 0) throw new BadRequestException('the OPML body is empty');
  return Buffer.concat(chunks);
}
