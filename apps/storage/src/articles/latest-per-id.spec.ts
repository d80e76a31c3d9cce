import { describe, expect, it } from '@jest/globals';
import type { ArticleEvent } from '@news/contracts';
import { latestPerId } from './latest-per-id.js';

const parse = (id: string, parsedAt: string, body: string) => ({ id, parsedAt, body }) as ArticleEvent;

describe('latestPerId', () => {
  it('keeps the latest parse of each id, even when an older one is delivered after it', () => {
    const kept = latestPerId([
      parse('a', '2025-10-05T09:00:00.000Z', 'a, new'),
      parse('b', '2025-10-05T08:00:00.000Z', 'b'),
      parse('a', '2025-10-05T08:00:00.000Z', 'a, old replay'),
    ]);
    expect(kept.map((a) => a.body)).toEqual(['a, new', 'b']);
  });

  it('keeps the later delivered of two parses with the same time', () => {
    const kept = latestPerId([
      parse('a', '2025-10-05T09:00:00.000Z', 'first'),
      parse('a', '2025-10-05T09:00:00.000Z', 'second'),
    ]);
    expect(kept.map((a) => a.body)).toEqual(['second']);
  });
});
