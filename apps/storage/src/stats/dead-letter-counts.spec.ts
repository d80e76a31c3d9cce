import { describe, expect, it } from '@jest/globals';
import { deadLetterCounts, heldMessages } from './dead-letter-counts.js';

describe('dead-letter counts', () => {
  it('adds up end minus start offsets over the partitions', () => {
    expect(
      heldMessages([
        { low: '0', high: '7' },
        { low: '5', high: '5' },
        { low: '10', high: '12' },
      ]),
    ).toBe(9);
  });

  it('names both dead-letter topics, and gives null for one the broker does not describe', async () => {
    const errors: string[] = [];
    const admin = {
      async fetchTopicOffsets(topic: string) {
        if (topic === 'news.raw-articles.v1.dlq') throw new Error('broker gone');
        return [{ partition: 0, offset: '3', low: '1', high: '3' }];
      },
    };
    expect(await deadLetterCounts(admin, (topic) => errors.push(topic))).toEqual({
      'news.raw-articles.v1.dlq': null,
      'news.articles.v1.dlq': 2,
    });
    expect(errors).toEqual(['news.raw-articles.v1.dlq']);
  });

  it('does not wait on a broker that never answers', async () => {
    const admin = { fetchTopicOffsets: () => new Promise<never>(() => {}) };
    const errors: string[] = [];
    const counts = await deadLetterCounts(admin, (topic) => errors.push(topic), 10);
    expect(counts).toEqual({ 'news.raw-articles.v1.dlq': null, 'news.articles.v1.dlq': null });
    expect(errors.sort()).toEqual(['news.articles.v1.dlq', 'news.raw-articles.v1.dlq']);
  });
});
