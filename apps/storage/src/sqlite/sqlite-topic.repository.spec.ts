import { beforeEach, describe, expect, it } from '@jest/globals';
import type { ArticleEvent } from '@news/contracts';
import { topicKey } from '@news/topics';
import { createHash } from 'node:crypto';
import { useTemporarySqlite } from '../../test/temporary-sqlite.js';
import { parseListQuery } from '../articles/list-query.js';
import { SqliteArticleRepository } from './sqlite-article.repository.js';
import { SqliteStatsRepository } from './sqlite-stats.repository.js';
import { SqliteArticleTopicsRepository, SqliteTopicRepository } from './sqlite-topic.repository.js';

function article(key: string, publishedAt: string, fields: Partial<ArticleEvent> = {}): ArticleEvent {
  const id = createHash('sha256').update(key).digest('hex').slice(0, 32);
  const body = fields.body ?? `متن ${key}`;
  return {
    id,
    url: `https://ilna.ir/news/${key}/`,
    canonicalUrl: `https://ilna.ir/news/${key}/`,
    source: { id: 'ilna', name: 'ایلنا', domain: 'ilna.ir' },
    feedUrl: null,
    language: 'fa',
    kicker: null,
    title: `خبر ${key}`,
    lead: null,
    body,
    bodyHtml: `<p>${body}</p>`,
    author: null,
    category: null,
    tags: [],
    images: [],
    publishedAt,
    publishedAtJalali: null,
    fetchedAt: publishedAt,
    parsedAt: '2025-10-10T00:00:00.000Z',
    ...fields,
    contentHash: createHash('sha256').update(`${body}|${fields.category}|${fields.tags}`).digest('hex'),
  };
}

const at = (iso: string) => new Date(iso);

describe('topics and ingestion counters in the SQLite store', () => {
  const sqlite = useTemporarySqlite();
  let now = at('2025-10-08T12:00:30.000Z');
  let articles: SqliteArticleRepository;
  let topics: SqliteTopicRepository;

  beforeEach(() => {
    articles = new SqliteArticleRepository(sqlite.db, undefined, () => now);
    topics = new SqliteTopicRepository(sqlite.db);
  });

  it('keeps each article’s category and tags as topics, under one key for every spelling, named in Persian letters', async () => {
    const zwnj = article('a', '2025-10-08T10:15:00.000Z', { category: 'سیاسی', tags: ['نخست‌وزیر'] });
    const arabic = article('b', '2025-10-08T10:45:00.000Z', { category: 'سياسي', tags: ['نخست وزیر'] });
    const other = article('c', '2025-10-08T11:10:00.000Z', { category: 'ورزشی' });
    await articles.upsertBatch([zwnj, arabic, other]);

    // The Persian article «b» spelled it سياسي (Arabic ي); the name is spelled with Persian ی.
    expect(await topics.find(topicKey('سیاسی'))).toEqual({ key: topicKey('سیاسی'), name: 'سیاسی' });
    expect(await topics.find('nosuchtopic')).toBeNull();
    const top = await topics.top(at('2025-10-08T00:00:00Z'), at('2025-10-09T00:00:00Z'), 2);
    expect(top.map((t) => [t.key, t.count])).toEqual(
      [
        [topicKey('سیاسی'), 2],
        [topicKey('نخست‌وزیر'), 2],
      ].sort((x, y) => (x[0] < y[0] ? -1 : 1)),
    );

    const byTopic = await articles.list(parseListQuery({ topic: 'نخستوزير', limit: '10' }));
    expect(byTopic.items.map((a) => a.id)).toEqual([arabic.id, zwnj.id]);

    const streamed = await new SqliteArticleTopicsRepository(sqlite.db).topicsOf([other.id]);
    expect(streamed.get(other.id)).toContainEqual({ key: topicKey('ورزشی'), name: 'ورزشی' });
  });

  it('replaces an article’s topics when it changes', async () => {
    await articles.upsertBatch([article('a', '2025-10-08T10:00:00.000Z', { category: 'سیاسی' })]);
    await articles.upsertBatch([
      article('a', '2025-10-08T10:00:00.000Z', {
        category: 'اقتصادی',
        body: 'نسخه دوم',
        parsedAt: '2025-10-10T01:00:00.000Z',
      }),
    ]);
    const day = [at('2025-10-08T00:00:00Z'), at('2025-10-09T00:00:00Z')] as const;
    const keys = (await topics.top(...day, 100)).map((t) => t.key);
    expect(keys).toContain(topicKey('اقتصادی'));
    expect(keys).not.toContain(topicKey('سیاسی'));
  });

  it('counts a topic per hour with zeros, and finds one rising against its last 7 days', async () => {
    const burst = ['10:05', '10:20', '10:40', '11:30'].map((time, i) =>
      article(`burst-${i}`, `2025-10-08T${time}:00.000Z`, { category: 'سیل' }),
    );
    const baseline = article('old', '2025-10-03T10:00:00.000Z', { category: 'سیل' });
    const steady = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((d) => [
      article(`steady-${d}`, `2025-10-0${d}T10:30:00.000Z`, { category: 'ورزشی' }),
    ]);
    await articles.upsertBatch([...burst, baseline, ...steady]);

    expect(
      await topics.timeseries(
        topicKey('سیل'),
        'hour',
        at('2025-10-08T09:00:00Z'),
        at('2025-10-08T13:00:00Z'),
      ),
    ).toEqual([
      { t: at('2025-10-08T09:00:00Z'), count: 0 },
      { t: at('2025-10-08T10:00:00Z'), count: 3 },
      { t: at('2025-10-08T11:00:00Z'), count: 1 },
      { t: at('2025-10-08T12:00:00Z'), count: 0 },
    ]);
    expect(
      await topics.timeseries(topicKey('سیل'), 'day', at('2025-10-02T00:00:00Z'), at('2025-10-04T00:00:00Z')),
    ).toEqual([
      { t: at('2025-10-02T00:00:00Z'), count: 0 },
      { t: at('2025-10-03T00:00:00Z'), count: 1 },
    ]);

    // A 6-hour window: 4 articles against 1 in the 7 days before (1 × 6h / 168h ≈ 0.036 expected).
    const trending = await topics.trending(at('2025-10-08T06:00:00Z'), at('2025-10-08T12:00:00Z'), 10);
    // (The titles' shared word "burst" trends too: key phrases come from titles.)
    expect(trending.find((t) => t.key === topicKey('سیل'))).toEqual({
      key: topicKey('سیل'),
      name: 'سیل',
      count: 4,
      baseline: 1 / 28,
      zScore: 4 - 1 / 28,
    });
    // One article a day is no rise: below the minimum count in the window.
    expect(trending.map((t) => t.key)).not.toContain(topicKey('ورزشی'));
  });

  it('counts written articles per minute and latency bucket for /stats', async () => {
    now = at('2025-10-08T12:00:30.000Z');
    await articles.upsertBatch([
      article('fast', '2025-10-08T12:00:29.990Z', { fetchedAt: '2025-10-08T12:00:29.990Z' }),
      article('slow', '2025-10-08T11:00:00.000Z', { fetchedAt: '2025-10-08T11:59:30.000Z' }),
    ]);
    now = at('2025-10-08T12:01:10.000Z');
    await articles.upsertBatch([
      article('fast', '2025-10-08T12:00:29.990Z', {
        fetchedAt: '2025-10-08T12:01:09.000Z',
        body: 'ویرایش',
        parsedAt: '2025-10-10T02:00:00.000Z',
      }),
    ]);
    const stats = new SqliteStatsRepository(sqlite.db, () => now);
    expect(await stats.writtenPerMinute(at('2025-10-08T12:00:00Z'))).toEqual([
      { t: at('2025-10-08T12:00:00Z'), count: 2 },
      { t: at('2025-10-08T12:01:00Z'), count: 1 },
    ]);
    const buckets = await stats.latencyBuckets(at('2025-10-08T12:00:00Z'));
    expect(buckets.sort((a, b) => a.lowerMs - b.lowerMs)).toEqual([
      { lowerMs: 10, upperMs: 20, count: 1 },
      { lowerMs: 1_000, upperMs: 2_000, count: 1 },
      { lowerMs: 60_000, upperMs: 120_000, count: 1 },
    ]);
    now = at('2025-10-16T00:00:00.000Z');
    expect(await stats.prune(7)).toBe(3);
    expect(await stats.writtenPerMinute(at('2025-10-01T00:00:00Z'))).toEqual([]);
  });
});
