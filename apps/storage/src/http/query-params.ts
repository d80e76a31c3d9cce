import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

/**
 * Control characters have no place in a query value, and PostgreSQL refuses NUL in text with an
 * error, which would otherwise surface as a 500.
 */
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F]/; // eslint-disable-line no-control-regex

/** A single text value (a repeated parameter arrives as an array and is refused), bounded in length. */
export function textParam(name: string, maxLength: number): z.ZodString {
  return z
    .string({ error: `${name} must be given once, as text` })
    .min(1, `${name} must not be empty`)
    .max(maxLength, `${name} must be at most ${maxLength} characters`)
    .refine((value) => !CONTROL_CHARACTER.test(value), `${name} must not contain control characters`);
}

const ISO_DATE_TIME = z.iso.datetime({ offset: true });
const ISO_DATE = z.iso.date();

/**
 * An ISO 8601 instant: a date-time with `Z` or an offset, or a bare date meaning its UTC midnight.
 * zod checks the calendar (no 2025-02-29); four-digit years keep it inside PostgreSQL's range.
 */
export function instantParam(name: string): z.ZodPipe<z.ZodString, z.ZodTransform<Date, string>> {
  return z
    .string({ error: `${name} must be given once, as an ISO 8601 date-time` })
    .refine(
      (value) => ISO_DATE_TIME.safeParse(value).success || ISO_DATE.safeParse(value).success,
      `${name} must be an ISO 8601 date-time with an offset (2025-10-01T08:00:00Z) or a date (2025-10-01)`,
    )
    .transform((value) => new Date(value));
}

/** For endpoints that take no query parameters: anything given is refused rather than ignored. */
export const NoQueryParams = z.strictObject({});

/** Validates a query string; the first problem becomes a 400 that names the parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    throw new BadRequestException(`unknown query parameter ${issue.keys.map((k) => `"${k}"`).join(', ')}`);
  }
  const name = issue.path.map(String).join('.') || 'query';
  throw new BadRequestException(issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`);
}
