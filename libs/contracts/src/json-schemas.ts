import { z } from 'zod';
import { ArticleEventSchema } from './article.js';
import { cloudEventHeadersSchema } from './cloud-events.js';
import { deadLetterHeadersSchema } from './dead-letter.js';
import { FeedStatusEventSchema } from './feed-status.js';
import { RawArticleEventSchema } from './raw-article.js';
import { DEAD_LETTER_SOURCE_TOPICS, deadLetterTopic, EVENT_TYPES, TOPICS, type TopicName } from './topics.js';

/**
 * JSON Schema (draft 2020-12) of every event, for consumers that do not use
 * zod. The zod schemas stay the source of truth: `npm run schemas` writes
 * these to docs/schemas/, and a unit test fails when the committed files are
 * not what this code generates.
 */

/** Where `npm run schemas` writes the files, relative to the repository root. */
export const SCHEMAS_DIR = 'docs/schemas';

/** `$id`s are names, not addresses: the files are published in this repository, not served anywhere. */
export const SCHEMA_ID_PREFIX = 'urn:news-ingestion:schema:';

export interface PublishedSchema {
  /** The file under docs/schemas/. */
  file: string;
  /** The topic whose messages it describes. */
  topic: string;
  /** Whether it describes the message value (JSON) or the message headers. */
  part: 'value' | 'headers';
  title: string;
  description: string;
  schema: z.ZodType;
}

const VALUE_TITLES: Record<TopicName, { title: string; description: string; key: string }> = {
  [TOPICS.rawArticles]: {
    title: 'Raw article',
    description: 'One fetched article page, decoded to text, plus the feed item that pointed to it.',
    key: 'the article id',
  },
  [TOPICS.articles]: {
    title: 'Article',
    description:
      'The structured article extracted from a raw article: the product’s main public event. ' +
      'A later event with the same id and another contentHash is a new revision of the same article.',
    key: 'the article id',
  },
  [TOPICS.feedStatus]: {
    title: 'Feed status',
    description: 'The outcome of one poll of one feed.',
    key: 'the feed id',
  },
};

const VALUE_SCHEMAS: Record<TopicName, z.ZodType> = {
  [TOPICS.rawArticles]: RawArticleEventSchema,
  [TOPICS.articles]: ArticleEventSchema,
  [TOPICS.feedStatus]: FeedStatusEventSchema,
};

function fileFor(topic: string, part: 'value' | 'headers'): string {
  return part === 'value' ? `${topic}.schema.json` : `${topic}.headers.schema.json`;
}

/** Every published schema: value and headers of each event topic, headers of each dead-letter topic. */
export const PUBLISHED_SCHEMAS: readonly PublishedSchema[] = [
  ...(Object.values(TOPICS) as TopicName[]).flatMap((topic): PublishedSchema[] => [
    {
      file: fileFor(topic, 'value'),
      topic,
      part: 'value',
      title: `${VALUE_TITLES[topic].title} (${topic})`,
      description: `${VALUE_TITLES[topic].description} The value of each message on ${topic}; its key is ${VALUE_TITLES[topic].key}.`,
      schema: VALUE_SCHEMAS[topic],
    },
    {
      file: fileFor(topic, 'headers'),
      topic,
      part: 'headers',
      title: `${VALUE_TITLES[topic].title} headers (${topic})`,
      description: `CloudEvents 1.0 binary-mode headers of each message on ${topic}.`,
      schema: cloudEventHeadersSchema(EVENT_TYPES[topic]),
    },
  ]),
  ...DEAD_LETTER_SOURCE_TOPICS.map((source): PublishedSchema => ({
    file: fileFor(deadLetterTopic(source), 'headers'),
    topic: deadLetterTopic(source),
    part: 'headers',
    title: `Dead letter headers (${deadLetterTopic(source)})`,
    description:
      `Headers of a message that a consumer of ${source} could not process. The key and value are the ` +
      `original message's, byte for byte (the value may be invalid JSON); the original headers are kept ` +
      `and these are added.`,
    schema: deadLetterHeadersSchema(source),
  })),
];

/** A URL scheme and its colon: what every absolute URL starts with. */
const ABSOLUTE_URL_PATTERN = '^[A-Za-z][A-Za-z0-9+.-]*:';
const URL_DESCRIPTION =
  'An absolute URL as the WHATWG URL parser reads it. It may contain non-ASCII characters ' +
  '(a Persian path stays readable, not percent-encoded), so it is not checked as an RFC 3986 "uri".';

export function schemaIdOf(file: string): string {
  return SCHEMA_ID_PREFIX + file.replace(/\.schema\.json$/, '');
}

/** The published JSON Schema of one entry, keys in a stable order. */
export function toJsonSchema(entry: PublishedSchema): Record<string, unknown> {
  // `io: 'input'` describes what the zod schema accepts. zod objects ignore
  // (strip) unknown keys, so the JSON Schema leaves `additionalProperties`
  // open: a consumer validating with these files keeps accepting events after
  // an additive change within v1, which the compatibility policy allows.
  const { $schema, ...rest } = z.toJSONSchema(entry.schema, {
    target: 'draft-2020-12',
    io: 'input',
    override: ({ jsonSchema }) => {
      // zod's url() accepts what the WHATWG URL parser accepts, and the
      // extractor keeps Persian paths readable (https://…/news/951480/بازار-تجریش),
      // which RFC 3986 `format: "uri"` validators (ajv-formats) reject.
      if (jsonSchema.format !== 'uri') return;
      delete jsonSchema.format;
      jsonSchema.pattern = ABSOLUTE_URL_PATTERN;
      jsonSchema.description ??= URL_DESCRIPTION;
    },
  });
  return canonical({
    $schema,
    $id: schemaIdOf(entry.file),
    title: entry.title,
    description: entry.description,
    ...rest,
  }) as Record<string, unknown>;
}

/** The file contents `npm run schemas` writes: two-space JSON with a final newline. */
export function renderJsonSchemaFiles(): { file: string; text: string }[] {
  return PUBLISHED_SCHEMAS.map((entry) => ({
    file: entry.file,
    text: `${JSON.stringify(toJsonSchema(entry), null, 2)}\n`,
  }));
}

// Keywords a reader looks for first; every other key follows in code-unit order,
// and `required` lists are sorted too, so the files change only when the schemas
// do, not when the source is reordered.
const LEADING_KEYWORDS = ['$schema', '$id', 'title', 'description', 'type'];
// Keywords whose object value maps names (properties) to schemas.
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

function rank(key: string): number {
  const i = LEADING_KEYWORDS.indexOf(key);
  return i === -1 ? LEADING_KEYWORDS.length : i;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonical(value: unknown, isNameMap = false): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort((a, b) => (isNameMap ? 0 : rank(a) - rank(b)) || byCodeUnit(a, b));
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const child = (value as Record<string, unknown>)[key];
    out[key] =
      !isNameMap && key === 'required' && Array.isArray(child)
        ? [...(child as string[])].sort(byCodeUnit)
        : canonical(child, !isNameMap && NAME_MAPS.has(key));
  }
  return out;
}
