import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import type { KafkaMessage, ProducerRecord } from 'kafkajs';
import { decodeEvent, encodeEvent, sendToDeadLetter, type EventSender } from '@news/messaging';
import { committedSchemas } from '../../../test/support/json-schemas.js';
import type { ArticleEvent } from './article.js';
import type { FeedStatusEvent } from './feed-status.js';
import type { RawArticleEvent } from './raw-article.js';
import { TOPIC_SCHEMAS } from './schema-registry.js';
import { TOPICS, type TopicName } from './topics.js';

/** A Kafka message as a v1 producer wrote it, recorded by hand in test/fixtures/v1/. */
interface Recorded {
  topic: string;
  key: string;
  headers: Record<string, string>;
  value: unknown;
}

const FIXTURES = new URL('../test/fixtures/v1/', import.meta.url);
const recorded: [string, Recorded][] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, FIXTURES), 'utf8')) as Recorded]);
const events = recorded.filter(([, r]) => !r.topic.endsWith('.dlq'));
const deadLetters = recorded.filter(([, r]) => r.topic.endsWith('.dlq'));
const schemas = committedSchemas();

const LATER_OPTIONAL_FIELDS = ['subtitle', 'newsCode', 'attribution', 'quality'];

describe('recorded v1 events', () => {
  it('include an article without the later optional fields, one with them, a raw article and a feed status', () => {
    const articles = events.filter(([, r]) => r.topic === TOPICS.articles).map(([, r]) => r.value as object);
    expect(articles.some((a) => LATER_OPTIONAL_FIELDS.every((f) => !(f in a)))).toBe(true);
    expect(articles.some((a) => LATER_OPTIONAL_FIELDS.every((f) => f in a))).toBe(true);
    expect(events.filter(([, r]) => r.topic === TOPICS.rawArticles)).not.toHaveLength(0);
    expect(events.filter(([, r]) => r.topic === TOPICS.feedStatus)).not.toHaveLength(0);
    expect(deadLetters).not.toHaveLength(0);
  });

  it.each(events)("%s still parses with today's zod schema, every field kept", (_file, r) => {
    const parsed = TOPIC_SCHEMAS[r.topic as TopicName].safeParse(r.value);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data).toEqual(r.value);
  });

  it.each(events)('%s: key, headers and value match the committed JSON Schemas', (_file, r) => {
    expect(schemas.errors(`${r.topic}.schema.json`, r.value)).toEqual([]);
    expect(schemas.errors(`${r.topic}.headers.schema.json`, r.headers)).toEqual([]);
    const value = r.value as { id?: string; feedId?: string };
    expect(r.key).toBe(r.topic === TOPICS.feedStatus ? value.feedId : value.id);
    expect(r.headers.ce_subject).toBe(r.key);
  });

  it.each(deadLetters)('%s: headers match the committed dead-letter schema', (_file, r) => {
    expect(schemas.errors(`${r.topic}.headers.schema.json`, r.headers)).toEqual([]);
    // The original headers stay beside the dead-letter ones.
    const source = r.headers.dlq_source_topic;
    expect(`${source}.dlq`).toBe(r.topic);
    expect(schemas.errors(`${source}.headers.schema.json`, r.headers)).toEqual([]);
  });
});

describe('the committed JSON Schemas', () => {
  const initial = events.find(([file]) => file === 'news.articles.v1.initial.json')?.[1].value as Record<
    string,
    unknown
  >;

  it('accept an article with a field added later within v1, which zod consumers ignore', () => {
    const later = {
      ...initial,
      readingTimeMinutes: 3,
      source: { ...(initial.source as object), country: 'IR' },
    };
    expect(schemas.errors('news.articles.v1.schema.json', later)).toEqual([]);
    expect(TOPIC_SCHEMAS[TOPICS.articles].parse(later)).toEqual(initial);
  });

  it('reject what v1 does not allow', () => {
    const untitled = { ...initial };
    delete untitled.title;
    expect(schemas.errors('news.articles.v1.schema.json', untitled)).toContain(
      "(root) must have required property 'title'",
    );
    expect(schemas.errors('news.articles.v1.schema.json', { ...initial, contentHash: 'abc' })).toContain(
      '/contentHash must match pattern "^[0-9a-f]{64}$"',
    );
    expect(
      schemas.errors('news.articles.v1.schema.json', { ...initial, publishedAt: '2025-09-22 17:00' }),
    ).not.toEqual([]);
    expect(schemas.errors('news.articles.v1.schema.json', { ...initial, quality: { flags: [] } })).toContain(
      "/quality must have required property 'extractedBy'",
    );
    expect(
      schemas.errors('news.articles.v1.headers.schema.json', {
        ce_specversion: '1.0',
        ce_id: 'x',
        ce_type: 'ir.news.article.fetched.v1',
        ce_source: 'parser',
        ce_time: '2025-09-22T17:05:12.481Z',
        'content-type': 'application/json',
      }),
    ).toContain('/ce_type must be equal to constant');
  });
});

describe("events built by today's producers", () => {
  const article: ArticleEvent = {
    id: 'a3f1c07d9e2b4c5d8e6f7a1b2c3d4e5f',
    url: 'https://www.isna.ir/news/1404063120001/سیل-در-شمال',
    canonicalUrl: 'https://www.isna.ir/news/1404063120001/سیل-در-شمال',
    source: { id: 'isna', name: 'ایسنا', domain: 'isna.ir' },
    feedUrl: 'https://www.isna.ir/rss',
    language: 'fa',
    kicker: 'هواشناسی هشدار داد',
    title: 'بارش‌های سیل‌آسا در استان‌های شمالی',
    subtitle: null,
    lead: 'سازمان هواشناسی برای سه استان شمالی هشدار نارنجی صادر کرد.',
    body: 'به گزارش ایسنا، سازمان هواشناسی امروز برای گیلان، مازندران و گلستان هشدار نارنجی صادر کرد.',
    bodyHtml:
      '<p>به گزارش ایسنا، سازمان هواشناسی امروز برای گیلان، مازندران و گلستان هشدار نارنجی صادر کرد.</p>',
    author: 'مریم احمدی',
    category: 'اجتماعی',
    tags: ['هواشناسی', 'سیل'],
    images: [{ url: 'https://cdn.isna.ir/d/2025/09/22/3/63012345.jpg', caption: null }],
    publishedAt: '2025-09-22T06:15:00.000Z',
    publishedAtJalali: '1404-06-31T09:45:00+03:30',
    fetchedAt: '2025-09-22T06:20:01.250Z',
    parsedAt: '2025-09-22T06:20:01.901Z',
    contentHash: '9c1e5b7a0f3d2e4c6b8a9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c',
    newsCode: '1404063120001',
    attribution: 'ایسنا',
    quality: { extractedBy: { title: 'structured-data', body: 'dom' }, flags: ['noProfile'] },
  };
  const raw: RawArticleEvent = {
    id: article.id,
    feedUrl: 'https://www.isna.ir/rss',
    item: {
      guid: null,
      title: article.title,
      link: 'https://www.isna.ir/news/1404063120001/سیل-در-شمال',
      summary: null,
      author: null,
      categories: [],
      publishedAt: '2025-09-22T09:45:00+03:30',
    },
    requestedUrl: 'https://www.isna.ir/news/1404063120001/سیل-در-شمال',
    finalUrl: 'https://www.isna.ir/news/1404063120001/سیل-در-شمال',
    httpStatus: 200,
    contentType: 'text/html; charset=utf-8',
    charset: 'utf-8',
    fetchedAt: '2025-09-22T06:20:01.250Z',
    html: '<html lang="fa"><body><h1>بارش‌های سیل‌آسا در استان‌های شمالی</h1></body></html>',
  };
  const status: FeedStatusEvent = {
    feedId: 'b2e9d4c1a0f3e5d7c9b1a3f5e7d9c1b3',
    feedUrl: 'https://www.isna.ir/rss',
    outcome: 'not-modified',
    httpStatus: 304,
    latencyMs: 88.4,
    newItems: 0,
    error: null,
    polledAt: '2025-09-22T06:20:00.004Z',
  };

  it.each([
    [TOPICS.rawArticles, raw, () => encodeEvent(TOPICS.rawArticles, raw.id, raw, 'fetcher')],
    [TOPICS.articles, article, () => encodeEvent(TOPICS.articles, article.id, article, 'parser')],
    [TOPICS.feedStatus, status, () => encodeEvent(TOPICS.feedStatus, status.feedId, status, 'fetcher')],
  ] as const)('%s: the encoded message matches the committed JSON Schemas', (topic, event, encode) => {
    const message = encode();
    const value: unknown = JSON.parse(String(message.value));
    expect(schemas.errors(`${topic}.schema.json`, value)).toEqual([]);
    expect(schemas.errors(`${topic}.headers.schema.json`, message.headers)).toEqual([]);
    expect(value).toEqual(event);
    const consumed = { key: message.key, value: Buffer.from(String(message.value)) } as KafkaMessage;
    expect(decodeEvent(topic, consumed)).toEqual(event);
  });

  it('a dead letter carries the headers the committed dead-letter schema describes', async () => {
    const sent: ProducerRecord[] = [];
    const producer: EventSender = {
      send: async (record: ProducerRecord) => {
        sent.push(record);
        return [];
      },
    };
    const original = encodeEvent(TOPICS.articles, article.id, article, 'parser');
    const message = {
      key: Buffer.from(article.id),
      value: Buffer.from(String(original.value)),
      headers: original.headers,
      offset: '4711',
    } as unknown as KafkaMessage;
    await sendToDeadLetter(producer, {
      topic: TOPICS.articles,
      partition: 2,
      message,
      reason: 'duplicate key value violates unique constraint "article_pkey"',
    });
    expect(sent).toHaveLength(1);
    expect(sent[0].topic).toBe('news.articles.v1.dlq');
    const [letter] = sent[0].messages;
    const headers = Object.fromEntries(Object.entries(letter.headers ?? {}).map(([k, v]) => [k, String(v)]));
    expect(schemas.errors('news.articles.v1.dlq.headers.schema.json', headers)).toEqual([]);
    expect(headers).toMatchObject({
      dlq_source_topic: 'news.articles.v1',
      dlq_source_partition: '2',
      dlq_source_offset: '4711',
      ce_type: 'ir.news.article.parsed.v1',
    });
    expect(letter.key).toEqual(Buffer.from(article.id));
    expect(letter.value).toEqual(Buffer.from(String(original.value)));
  });
});
