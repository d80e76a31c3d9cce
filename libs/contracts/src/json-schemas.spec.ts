import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PIPELINE_TOPICS } from '@news/messaging';
import { committedSchemas } from '../../../test/support/json-schemas.js';
import { PUBLISHED_SCHEMAS, renderJsonSchemaFiles, SCHEMAS_DIR, toJsonSchema } from './json-schemas.js';
import { DEAD_LETTER_SOURCE_TOPICS, deadLetterTopic } from './topics.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const committedDir = `${ROOT}${SCHEMAS_DIR}/`;

function readCommitted(file: string): string | null {
  try {
    return readFileSync(`${committedDir}${file}`, 'utf8');
  } catch {
    return null;
  }
}

describe('docs/schemas', () => {
  it('holds exactly what the zod contracts generate', () => {
    const generated = renderJsonSchemaFiles();
    const problems: string[] = [];
    for (const { file, text } of generated) {
      const committed = readCommitted(file);
      if (committed === null) problems.push(`${SCHEMAS_DIR}/${file} is missing`);
      else if (committed !== text) problems.push(`${SCHEMAS_DIR}/${file} differs from the zod contracts`);
    }
    const wanted = new Set(generated.map((g) => g.file));
    for (const file of readdirSync(committedDir)) {
      if (file.endsWith('.schema.json') && !wanted.has(file))
        problems.push(`${SCHEMAS_DIR}/${file} matches no contract`);
    }
    if (problems.length > 0) problems.push('run `npm run schemas` and commit the result');
    expect(problems).toEqual([]);
  });

  it('has the value and headers of each event topic and the headers of each dead-letter topic', () => {
    expect(PUBLISHED_SCHEMAS.map((s) => s.file).sort()).toEqual([
      'news.articles.v1.dlq.headers.schema.json',
      'news.articles.v1.headers.schema.json',
      'news.articles.v1.schema.json',
      'news.feed-status.v1.headers.schema.json',
      'news.feed-status.v1.schema.json',
      'news.raw-articles.v1.dlq.headers.schema.json',
      'news.raw-articles.v1.headers.schema.json',
      'news.raw-articles.v1.schema.json',
    ]);
    // The dead-letter topics the contracts describe are the ones the pipeline creates.
    expect(DEAD_LETTER_SOURCE_TOPICS.map(deadLetterTopic).sort()).toEqual(
      PIPELINE_TOPICS.map((t) => t.topic)
        .filter((t) => t.endsWith('.dlq'))
        .sort(),
    );
  });

  it('names each file with a draft 2020-12 $schema, an $id and a title', () => {
    const article = JSON.parse(readCommitted('news.articles.v1.schema.json') ?? '{}');
    expect(Object.keys(article).slice(0, 5)).toEqual(['$schema', '$id', 'title', 'description', 'type']);
    expect(article).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'urn:news-ingestion:schema:news.articles.v1',
      title: 'Article (news.articles.v1)',
      type: 'object',
    });
    const dlq = JSON.parse(readCommitted('news.articles.v1.dlq.headers.schema.json') ?? '{}');
    expect(dlq.$id).toBe('urn:news-ingestion:schema:news.articles.v1.dlq.headers');
    expect(dlq.properties.dlq_source_topic.const).toBe('news.articles.v1');
    const ids = PUBLISHED_SCHEMAS.map((s) => JSON.parse(readCommitted(s.file) ?? '{}').$id);
    expect(new Set(ids).size).toBe(PUBLISHED_SCHEMAS.length);
  });

  it('orders keys the same whatever order the fields are declared in', () => {
    const entry = (schema: z.ZodType) => ({
      file: 'x.schema.json',
      topic: 'x',
      part: 'value' as const,
      title: 'X',
      description: 'x',
      schema,
    });
    const one = toJsonSchema(
      entry(z.object({ b: z.string(), a: z.number(), nested: z.object({ y: z.string(), x: z.string() }) })),
    );
    const other = toJsonSchema(
      entry(z.object({ a: z.number(), nested: z.object({ x: z.string(), y: z.string() }), b: z.string() })),
    );
    expect(JSON.stringify(one)).toBe(JSON.stringify(other));
    expect(Object.keys(one)).toEqual([
      '$schema',
      '$id',
      'title',
      'description',
      'type',
      'properties',
      'required',
    ]);
    expect(Object.keys(one.properties as object)).toEqual(['a', 'b', 'nested']);
  });

  it('uses only keywords that mean the same in draft-07, the dialect of AsyncAPI 3.0 schemas', () => {
    const sameInDraft07 = new Set([
      '$schema',
      '$id',
      'title',
      'description',
      'type',
      'properties',
      'required',
      'additionalProperties',
      'propertyNames',
      'items',
      'anyOf',
      'enum',
      'const',
      'pattern',
      'format',
      'minLength',
      'maxLength',
      'minimum',
      'maximum',
    ]);
    const subschemas = new Set(['additionalProperties', 'propertyNames', 'items']);
    const used = new Set<string>();
    const walk = (schema: Record<string, unknown>) => {
      for (const [key, value] of Object.entries(schema)) {
        used.add(key);
        if (key === 'properties') Object.values(value as object).forEach(walk);
        else if (key === 'anyOf') (value as Record<string, unknown>[]).forEach(walk);
        else if (subschemas.has(key) && typeof value === 'object') walk(value as Record<string, unknown>);
      }
    };
    for (const { file } of PUBLISHED_SCHEMAS) walk(JSON.parse(readCommitted(file) ?? '{}'));
    expect([...used].filter((k) => !sameInDraft07.has(k))).toEqual([]);
    expect(used.has('properties')).toBe(true);
  });

  it('accepts every URL zod accepts, Persian paths included, and rejects what is no URL', () => {
    const schemas = committedSchemas();
    const status = (url: string) => ({
      feedId: 'cc42362286e4cae2e06ea11c1f56ccda',
      feedUrl: url,
      outcome: 'ok',
      httpStatus: 200,
      latencyMs: 12,
      newItems: 0,
      error: null,
      polledAt: '2025-09-22T17:05:10.001Z',
    });
    const zodUrl = z.url();
    const accepted = [
      'https://www.ilna.ir/rss',
      'https://www.hamshahrionline.ir/news/951480/بازار-تجریش-جان-تازه-گرفت',
      'https://www.isna.ir/news/1404063120001/سیل-در-شمال?from=rss',
      'http://127.0.0.1:8080/rss.xml',
      'https://example.com/a b',
    ];
    for (const url of accepted) {
      expect(zodUrl.safeParse(url).success).toBe(true);
      expect([url, schemas.errors('news.feed-status.v1.schema.json', status(url))]).toEqual([url, []]);
    }
    for (const notUrl of ['www.ilna.ir/rss', '/news/1702345', '', 'ایلنا']) {
      expect(zodUrl.safeParse(notUrl).success).toBe(false);
      expect(schemas.errors('news.feed-status.v1.schema.json', status(notUrl))).not.toEqual([]);
    }
  });
});
