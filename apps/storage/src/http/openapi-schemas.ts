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

/** Article's schema without body and bodyHtml (`view=summary`). */
function articleSummarySchema(): SchemaObject {
  const { body, bodyHtml, ...properties } = Article.properties ?? {};
  return {
    type: 'object',
    description: 'An article without body and bodyHtml (`view=summary`).',
    required: (Article.required ?? []).filter((name) => name !== 'body'),
    properties,
  };
}

const ArticleSummary = articleSummarySchema();

const ArticlePage: SchemaObject = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: {
      type: 'array',
      description: 'Articles (`view=full`, the default) or article summaries (`view=summary`).',
      items: { anyOf: [ref('Article'), ref('ArticleSummary')] },
    },
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
    database: {
      type: 'string',
      enum: ['postgresql', 'sqlite'],
      description: 'The database in use: PostgreSQL, or the embedded SQLite file',
    },
  },
};

const countPoints = (description: string): SchemaObject => ({
  type: 'array',
  description,
  items: {
    type: 'object',
    required: ['t', 'count'],
    properties: { t: { ...dateTime, description: 'Start of the bucket (UTC)' }, count: { type: 'integer' } },
  },
});

const latencyMs = (description: string): SchemaObject => nullable({ type: 'integer', description });

const Stats: SchemaObject = {
  type: 'object',
  required: ['ingestion', 'latency', 'deadLetters'],
  properties: {
    ingestion: {
      type: 'object',
      description: 'Articles written (inserted or changed).',
      properties: {
        perMinute: countPoints('The last 60 minutes, oldest first, the current minute last.'),
        perHour: countPoints('The last 48 hours, oldest first, the current hour last.'),
        lastMinute: { type: 'integer', description: 'The current minute so far.' },
        lastHour: { type: 'integer', description: 'The sum of perMinute.' },
      },
    },
    latency: {
      type: 'object',
      description: 'From fetchedAt to the database write, over the articles written in the last 60 minutes.',
      properties: {
        window: { type: 'string', example: '1h' },
        count: { type: 'integer' },
        p50Ms: latencyMs('Median; null without articles'),
        p95Ms: latencyMs('95th percentile'),
        p99Ms: latencyMs('99th percentile'),
      },
    },
    deadLetters: {
      type: 'object',
      description: 'Messages held by each dead-letter topic; null when Kafka did not answer in time.',
      additionalProperties: nullable({ type: 'integer' }),
      example: { 'news.raw-articles.v1.dlq': 3, 'news.articles.v1.dlq': 0 },
    },
  },
};

// Topics (GET /topics, /topics/trending, /topics/{topic}/timeseries).
const topicName = {
  key: { type: 'string', description: 'Normalized key', example: 'پزشکیان' },
  name: { type: 'string', description: 'The spelling most recently stored (ZWNJ kept)', example: 'پزشکیان' },
} as const satisfies Record<string, SchemaObject>;

const topicRanking = (item: Record<string, SchemaObject>, example: string): SchemaObject => ({
  type: 'object',
  required: ['window', 'from', 'to', 'items'],
  properties: {
    window: { type: 'string', example },
    from: dateTime,
    to: dateTime,
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: Object.keys(item),
        properties: item,
      },
    },
  },
});

const TopicRanking = topicRanking(
  { ...topicName, count: { type: 'integer', description: 'Articles in the window' } },
  '24h',
);

const TrendingTopics = topicRanking(
  {
    ...topicName,
    count: { type: 'integer', description: 'Articles in the window' },
    baseline: { type: 'number', description: 'Mean count of same-length windows over the 7 days before' },
    zScore: { type: 'number', description: '(count − baseline) / max(√baseline, 1)' },
  },
  '6h',
);

const TopicTimeseries: SchemaObject = {
  type: 'object',
  required: ['topic', 'bucket', 'from', 'to', 'points'],
  properties: {
    topic: { type: 'object', required: ['key', 'name'], properties: topicName },
    bucket: { type: 'string', enum: ['hour', 'day'] },
    from: dateTime,
    to: dateTime,
    points: {
      type: 'array',
      items: {
        type: 'object',
        required: ['t', 'count'],
        properties: {
          t: { ...dateTime, description: 'Start of the UTC bucket' },
          count: { type: 'integer' },
        },
      },
    },
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
  ArticleSummary,
  ArticlePage,
  RevisionList,
  SourceList,
  FeedHealthList,
  Health,
  Stats,
  TopicRanking,
  TrendingTopics,
  TopicTimeseries,
  Error: ErrorResponse,
} as const satisfies Record<string, SchemaObject>;

export type ApiSchemaName = keyof typeof API_SCHEMAS;

export function ref(name: ApiSchemaName): ReferenceObject {
  return { $ref: `#/components/schemas/${name}` };
}
