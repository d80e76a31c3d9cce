import { describe, expect, it } from '@jest/globals';
import type { ArticleEvent } from '@news/contracts';
import { ProgressCounters } from '@news/observability';
import type { KafkaMessage } from 'kafkajs';
import { pino } from 'pino';
import { StorageMetrics } from '../metrics/storage-metrics.js';
import type { ArticleRepository, UpsertCounts } from './article.repository.js';
import { ArticleWriter, STORAGE_COUNTERS, type StorageCounter } from './article-writer.js';

const article = (id: string): ArticleEvent => ({
  id,
  url: `https://example.com/${id}`,
  canonicalUrl: `https://example.com/${id}`,
  source: { id: 'example.com', name: 'Example', domain: 'example.com' },
  feedUrl: null,
  language: 'en',
  kicker: null,
  title: `Title ${id}`,
  lead: null,
  body: 'Body',
  bodyHtml: '<p>Body</p>',
  author: null,
  category: null,
  tags: [],
  images: [],
  publishedAt: null,
  publishedAtJalali: null,
  fetchedAt: '2025-09-22T17:00:00.000Z',
  parsedAt: '2025-09-22T17:00:01.000Z',
  contentHash: 'a'.repeat(64),
});

const message = (value: string, offset: string): KafkaMessage =>
  ({
    key: null,
    value: Buffer.from(value),
    offset,
    timestamp: '0',
    attributes: 0,
    headers: {},
  }) as KafkaMessage;

/** A fake repository (unit test only): fails whole batches that contain a "bad" article with the given error. */
function fakeRepository(error: Error & { code?: string }): { repo: ArticleRepository; written: string[] } {
  const written: string[] = [];
  const repo = {
    async upsertBatch(articles: ArticleEvent[]): Promise<UpsertCounts> {
      if (articles.some((a) => a.id.startsWith('bad'))) throw error;
      written.push(...articles.map((a) => a.id));
      return { inserted: articles.length, updated: 0, unchanged: 0, written: articles.map((a) => a.id) };
    },
  } as unknown as ArticleRepository;
  return { repo, written };
}

function writerWith(repo: ArticleRepository) {
  const letters: { offset: string; reason: string }[] = [];
  const counters = new ProgressCounters<StorageCounter>('storage', STORAGE_COUNTERS);
  const metrics = new StorageMetrics();
  const published: ArticleEvent[][] = [];
  const writer = new ArticleWriter(
    repo,
    async (m, _partition, reason) => {
      letters.push({ offset: m.offset, reason });
    },
    counters,
    pino({ level: 'silent' }),
    metrics,
    (articles) => published.push(articles),
  );
  return { writer, letters, counters, metrics, published };
}

describe('ArticleWriter', () => {
  it('dead-letters only the row the database rejects for its data, and stores the rest', async () => {
    const { repo, written } = fakeRepository(Object.assign(new Error('value too long'), { code: '22001' }));
    const { writer, letters, counters, metrics } = writerWith(repo);
    await writer.writeBatch(
      [
        message(JSON.stringify(article('good1')), '1'),
        message(JSON.stringify(article('bad1')), '2'),
        message('{', '3'),
      ],
      0,
    );
    expect(written).toEqual(['good1']);
    expect(letters.map((l) => l.offset).sort()).toEqual(['2', '3']);
    expect(letters.find((l) => l.offset === '2')?.reason).toContain(
      'database rejected article bad1: value too long',
    );
    expect(await counters.value('dead-lettered')).toBe(2);
    const samples = (await metrics.registry.metrics()).split('\n');
    expect(samples).toContain('news_storage_messages_processed_total{topic="articles"} 1');
    expect(samples).toContain('news_storage_messages_failed_total{topic="articles",reason="invalid"} 1');
    expect(samples).toContain('news_storage_messages_failed_total{topic="articles",reason="rejected"} 1');
    expect(samples).toContain('news_storage_batch_size_count{topic="articles"} 1');
    expect(samples).toContain('news_storage_batch_size_sum{topic="articles"} 3');
    // Only good1 was stored: one fetch-to-store observation.
    expect(samples).toContain('news_storage_fetch_to_store_seconds_count 1');
  });

  it('lets a connection failure through, so the batch is retried instead of dead-lettered', async () => {
    const { repo } = fakeRepository(Object.assign(new Error('connection terminated'), { code: '08006' }));
    const { writer, letters } = writerWith(repo);
    await expect(writer.writeBatch([message(JSON.stringify(article('bad1')), '1')], 0)).rejects.toThrow(
      'connection terminated',
    );
    expect(letters).toEqual([]);
  });

  it('publishes the committed articles, one list per write, leaving out the rejected row', async () => {
    const { repo } = fakeRepository(Object.assign(new Error('value too long'), { code: '22001' }));
    const { writer, published } = writerWith(repo);
    await writer.writeBatch(
      [message(JSON.stringify(article('good1')), '1'), message(JSON.stringify(article('bad1')), '2')],
      0,
    );
    // The batch failed as a whole, then went row by row: good1 alone was committed.
    expect(published.map((list) => list.map((a) => a.id))).toEqual([['good1']]);
  });

  it('publishes only what the repository wrote, in the version it stored (the latest parse)', async () => {
    const older = { ...article('twice'), title: 'older parse', parsedAt: '2025-09-22T17:00:05.000Z' };
    const newer = { ...article('twice'), title: 'newer parse', parsedAt: '2025-09-22T17:00:09.000Z' };
    const repo = {
      async upsertBatch(): Promise<UpsertCounts> {
        return { inserted: 1, updated: 0, unchanged: 1, written: ['twice'] }; // 'same' was unchanged
      },
    } as unknown as ArticleRepository;
    const { writer, published } = writerWith(repo);
    await writer.writeBatch(
      [
        message(JSON.stringify(newer), '1'),
        message(JSON.stringify(older), '2'),
        message(JSON.stringify(article('same')), '3'),
      ],
      0,
    );
    expect(published).toHaveLength(1);
    expect(published[0].map((a) => [a.id, a.title])).toEqual([['twice', 'newer parse']]);
  });

  it('publishes nothing when the write fails', async () => {
    const { repo } = fakeRepository(Object.assign(new Error('connection terminated'), { code: '08006' }));
    const { writer, published } = writerWith(repo);
    await expect(writer.writeBatch([message(JSON.stringify(article('bad1')), '1')], 0)).rejects.toThrow();
    expect(published).toEqual([]);
  });
});
