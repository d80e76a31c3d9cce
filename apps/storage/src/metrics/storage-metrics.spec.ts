import { describe, expect, it } from '@jest/globals';
import { StorageMetrics } from './storage-metrics.js';

/** The sample lines of the exposition text (no HELP/TYPE), for exact comparison. */
async function samples(metrics: StorageMetrics, prefix: string): Promise<string[]> {
  return (await metrics.registry.metrics()).split('\n').filter((line) => line.startsWith(prefix));
}

describe('StorageMetrics', () => {
  it('starts the processed and failed series at 0 for both topics', async () => {
    expect(await samples(new StorageMetrics(), 'news_storage_messages_')).toEqual([
      'news_storage_messages_processed_total{topic="articles"} 0',
      'news_storage_messages_processed_total{topic="feed-status"} 0',
      'news_storage_messages_failed_total{topic="articles",reason="invalid"} 0',
      'news_storage_messages_failed_total{topic="articles",reason="rejected"} 0',
      'news_storage_messages_failed_total{topic="feed-status",reason="invalid"} 0',
      'news_storage_messages_failed_total{topic="feed-status",reason="rejected"} 0',
    ]);
  });

  it('observes fetch-to-store latency in seconds from fetchedAt, skipping unreadable times', async () => {
    const metrics = new StorageMetrics();
    metrics.stored(
      ['2025-10-01T08:00:00.000Z', '2025-10-01T07:59:58.000Z', 'not a date'],
      new Date('2025-10-01T08:00:03.000Z'),
    );
    const lines = await samples(metrics, 'news_storage_fetch_to_store_seconds');
    expect(lines).toContain('news_storage_fetch_to_store_seconds_bucket{le="2.5"} 0');
    expect(lines).toContain('news_storage_fetch_to_store_seconds_bucket{le="5"} 2');
    expect(lines).toContain('news_storage_fetch_to_store_seconds_sum 8');
    expect(lines).toContain('news_storage_fetch_to_store_seconds_count 2');
  });

  it('times writes with their outcome, failed ones included, and passes the error on', async () => {
    const metrics = new StorageMetrics();
    await expect(metrics.timeWrite('articles', async () => 'done')).resolves.toBe('done');
    await expect(
      metrics.timeWrite('feed_status', async () => {
        throw new Error('connection lost');
      }),
    ).rejects.toThrow('connection lost');
    const counts = await samples(metrics, 'news_storage_db_write_duration_seconds_count');
    expect(counts).toEqual([
      'news_storage_db_write_duration_seconds_count{table="articles",outcome="ok"} 1',
      'news_storage_db_write_duration_seconds_count{table="feed_status",outcome="error"} 1',
    ]);
  });
});
