import { beforeEach, describe, expect, it } from '@jest/globals';
import type { FeedStatusEvent } from '@news/contracts';
import { useTemporarySqlite } from '../../test/temporary-sqlite.js';
import { SqliteFeedStatusRepository } from './sqlite-feed-status.repository.js';

const poll = (feedId: string, polledAt: string, fields: Partial<FeedStatusEvent> = {}): FeedStatusEvent => ({
  feedId,
  feedUrl: `https://${feedId}.example/rss`,
  outcome: 'ok',
  httpStatus: 200,
  latencyMs: 50.5,
  newItems: 2,
  error: null,
  polledAt,
  ...fields,
});

describe('SqliteFeedStatusRepository on a temporary file', () => {
  const sqlite = useTemporarySqlite();
  let feeds: SqliteFeedStatusRepository;

  beforeEach(() => {
    feeds = new SqliteFeedStatusRepository(sqlite.db);
  });

  it('keeps the latest poll per feed with its counters, and skips polls already applied', async () => {
    const failed = poll('b', '2025-10-01T08:05:00.000Z', {
      outcome: 'error',
      httpStatus: 503,
      error: 'HTTP 503',
    });
    expect(
      await feeds.applyPolls([
        poll('a', '2025-10-01T08:00:00.000Z'),
        poll('b', '2025-10-01T08:00:00.000Z'),
        failed,
      ]),
    ).toEqual({ applied: 3, skipped: 0 });
    // Redelivered, plus one newer poll of a.
    expect(
      await feeds.applyPolls([
        failed,
        poll('a', '2025-10-01T08:10:00.000Z', { outcome: 'not-modified', httpStatus: 304, newItems: 0 }),
      ]),
    ).toEqual({ applied: 1, skipped: 1 });

    expect(await feeds.list()).toEqual([
      {
        feedId: 'b',
        feedUrl: 'https://b.example/rss',
        lastOutcome: 'error',
        lastHttpStatus: 503,
        lastLatencyMs: 50.5,
        lastNewItems: 2,
        lastPolledAt: new Date('2025-10-01T08:05:00.000Z'),
        lastSuccessAt: new Date('2025-10-01T08:00:00.000Z'),
        lastError: 'HTTP 503',
        lastErrorAt: new Date('2025-10-01T08:05:00.000Z'),
        polls: 2,
        failures: 1,
        consecutiveFailures: 1,
      },
      {
        feedId: 'a',
        feedUrl: 'https://a.example/rss',
        lastOutcome: 'not-modified',
        lastHttpStatus: 304,
        lastLatencyMs: 50.5,
        lastNewItems: 0,
        lastPolledAt: new Date('2025-10-01T08:10:00.000Z'),
        lastSuccessAt: new Date('2025-10-01T08:10:00.000Z'),
        lastError: null,
        lastErrorAt: null,
        polls: 2,
        failures: 0,
        consecutiveFailures: 0,
      },
    ]);
  });

  it('does nothing for an empty batch', async () => {
    expect(await feeds.applyPolls([])).toEqual({ applied: 0, skipped: 0 });
    expect(await feeds.list()).toEqual([]);
  });
});
