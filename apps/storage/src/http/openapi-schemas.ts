import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';

// Response shapes for the OpenAPI document, written as plain schema objects: the API returns
// plain objects (no DTO classes, no class-validator), so there is nothing to reflect them from.

const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const dateTime: SchemaObject = { type: 'string', format: 'date-time' };

const Source: SchemaObject = {
  type: 'object',
  required: ['id', 'name', 'domain'],
  properties: {
    id: { type: 'string', example: 'ilna' },
    name: { type: 'string', example: 'ایلنا' },
    domain: { type: 'string', example: 'ilna.ir' },
  },
};

const Article: SchemaObject = {
  type: 'object',
  description: 'The `news.articles.v1` event as stored, plus its revision number.',
  required: ['id', 'url', 'canonicalUrl', 'source', 'title', 'body', 'contentHash', 'revision'],
  properties: {
    id: { type: 'string', pattern: '^[0-9a-f]{32}$' },
    url: { type: 'string', format: 'uri' },
    canonicalUrl: { type: 'string', format: 'uri' },
    source: Source,
    feedUrl: nullable({ type: 'string', format: 'uri' }),
    language: { type: 'string', example: 'fa' },
    kicker: nullable({ type: 'string' }),
    title: { type: 'string' },
    subtitle: nullable({ type: 'string' }),
    lead: nullable({ type: 'string' }),
    body: { type: 'string', description: 'Plain text, paragraphs separated by a blank line.' },
    bodyHtml: { type: 'string', description: 'Sanitized HTML.' },
    author: nullable({ type: 'string' }),
    category: nullable({ type: 'string' }),
    tags: { type: 'array', items: { type: 'string' } },
    images: {
      type: 'array',
      items: {
        type: 'object',
        properties: { url: { type: 'string', format: 'uri' }, caption: nullable({ type: 'string' }) },
      },
    },
    publishedAt: nullable(dateTime),
    publishedAtJalali: nullable({ type: 'string', example: '1404-06-31T20:30:00+03:30' }),
    fetchedAt: dateTime,
    parsedAt: dateTime,
    contentHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    newsCode: nullable({ type: 'string' }),
    attribution: nullable({ type: 'string' }),
    quality: {
      type: 'object',
      properties: {
        extractedBy: { type: 'object', additionalProperties: { type: 'string' } },
        flags: { type: 'array', items: { type: 'string' } },
      },
    },
    revision: { type: 'integer', minimum: 1 },
  },
};

const ArticlePage: SchemaObject = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: ref('Article') },
    nextCursor: nullable({
      type: 'string',
      description: 'Pass as `cursor` for the next page; null on the last.',
    }),
  },
};

const RevisionList: SchemaObject = {
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      description: 'Newest first; the first item is the current version.',
      items: {
        type: 'object',
        required: ['revision', 'contentHash', 'title', 'body', 'parsedAt', 'storedAt'],
        properties: {
          revision: { type: 'integer', minimum: 1 },
          contentHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          title: { type: 'string' },
          body: { type: 'string' },
          parsedAt: dateTime,
          storedAt: { ...dateTime, description: 'When this version was written to the archive.' },
        },
      },
    },
  },
};

const SourceList: SchemaObject = {
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'domain', 'articleCount', 'lastArticleAt'],
        properties: {
          ...Source.properties,
          articleCount: { type: 'integer', minimum: 0 },
          lastArticleAt: nullable({ ...dateTime, description: 'Time of the newest article.' }),
        },
      },
    },
  },
};

const FeedHealthList: SchemaObject = {
  type: 'object',
  required: ['items', 'summary'],
  properties: {
    items: {
      type: 'array',
      description: 'Failing feeds first, then by URL.',
      items: {
        type: 'object',
        properties: {
          feedId: { type: 'string' },
          feedUrl: { type: 'string', format: 'uri' },
          status: {
            type: 'string',
            enum: ['healthy', 'failing'],
            description: 'failing while the latest poll failed',
          },
          lastOutcome: { type: 'string', enum: ['ok', 'not-modified', 'error'] },
          lastPolledAt: dateTime,
          lastSuccessAt: nullable(dateTime),
          lastError: nullable({ type: 'string' }),
          lastErrorAt: nullable(dateTime),
          consecutiveFailures: { type: 'integer', minimum: 0 },
          polls: { type: 'integer', minimum: 0 },
          failures: { type: 'integer', minimum: 0 },
          lastHttpStatus: nullable({ type: 'integer' }),
          lastLatencyMs: { type: 'number' },
          lastNewItems: { type: 'integer', minimum: 0 },
        },
      },
    },
    summary: {
      type: 'object',
      properties: {
        total: { type: 'integer' },
        healthy: { type: 'integer' },
        failing: { type: 'integer' },
      },
    },
  },
};

const check: SchemaObject = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['up', 'down'] }, error: { type: 'string' } },
};

const Health: SchemaObject = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    checks: { type: 'object', properties: { database: check, kafka: check } },
  },
};

const ErrorResponse: SchemaObject = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer', example: 400 },
    message: { type: 'string', example: 'limit: Too big: expected number to be <=100' },
    error: { type: 'string', example: 'Bad Request' },
  },
};

/** Named schemas, added to the document's components by openapi.ts. */
export const API_SCHEMAS = {
  Article,
  ArticlePage,
  RevisionList,
  SourceList,
  FeedHealthList,
  Health,
  Error: ErrorResponse,
} as const satisfies Record<string, SchemaObject>;

export type ApiSchemaName = keyof typeof API_SCHEMAS;

export function ref(name: ApiSchemaName): ReferenceObject {
  return { $ref: `#/components/schemas/${name}` };
}
