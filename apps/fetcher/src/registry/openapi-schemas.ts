import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';

// The registry API returns plain objects: its OpenAPI shapes are written out here.

const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const dateTime: SchemaObject = { type: 'string', format: 'date-time' };

const Feed: SchemaObject = {
  type: 'object',
  properties: {
    id: {
      type: 'string',
      pattern: '^[0-9a-f]{32}$',
      description: 'SHA-256 of the canonical URL, first 32 hex digits: the feedId of feed-status events',
    },
    url: { type: 'string', format: 'uri' },
    title: nullable({ type: 'string' }),
    origin: { type: 'string', enum: ['config', 'api'] },
    status: { type: 'string', enum: ['active', 'paused', 'inactive'] },
    unhealthy: { type: 'boolean' },
    etag: nullable({ type: 'string' }),
    lastModified: nullable({ type: 'string' }),
    nextPollAt: dateTime,
    intervalSeconds: { type: 'integer' },
    consecutiveFailures: { type: 'integer' },
    lastError: nullable({ type: 'string' }),
    lastHttpStatus: nullable({ type: 'integer' }),
    lastSuccessAt: nullable(dateTime),
    lastPolledAt: nullable(dateTime),
    itemsPerDay: nullable({ type: 'number' }),
    meanLatencyMs: nullable({ type: 'number' }),
    createdAt: dateTime,
  },
};

const Candidate: SchemaObject = {
  type: 'object',
  properties: {
    url: { type: 'string', format: 'uri' },
    title: nullable({ type: 'string' }),
    type: nullable({ type: 'string', example: 'application/rss+xml' }),
    source: { type: 'string', enum: ['self', 'link', 'probe'] },
  },
};

export const REGISTRY_SCHEMAS: Record<string, SchemaObject> = {
  Feed,
  FeedList: {
    type: 'object',
    properties: {
      feeds: { type: 'array', items: Feed },
      total: { type: 'integer' },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
    },
  },
  AddFeed: {
    type: 'object',
    required: ['url'],
    properties: {
      url: { type: 'string', format: 'uri', maxLength: 2048, description: 'http(s), no credentials' },
      title: { type: 'string', maxLength: 500 },
    },
  },
  ImportResult: {
    type: 'object',
    properties: {
      added: { type: 'integer' },
      existing: { type: 'integer' },
      invalid: {
        type: 'array',
        items: { type: 'object', properties: { url: { type: 'string' }, reason: { type: 'string' } } },
      },
    },
  },
  Discover: {
    type: 'object',
    required: ['url'],
    properties: { url: { type: 'string', format: 'uri' }, add: { type: 'boolean', default: false } },
  },
  DiscoverResult: {
    type: 'object',
    properties: {
      candidates: { type: 'array', items: Candidate },
      added: {
        type: 'object',
        properties: { kind: { type: 'string', enum: ['added', 'reactivated', 'exists'] }, feed: Feed },
      },
    },
  },
  Error: {
    type: 'object',
    properties: {
      statusCode: { type: 'integer' },
      message: { type: 'string' },
      error: { type: 'string' },
    },
  },
};

export const ref = (name: keyof typeof REGISTRY_SCHEMAS & string): ReferenceObject => ({
  $ref: `#/components/schemas/${name}`,
});
