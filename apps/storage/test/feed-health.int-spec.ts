import { describe, expect, it } from '@jest/globals';
import { TOPICS, type FeedStatusEvent } from '@news/contracts';
import { uniqueName } from '../../../test/support/env.js';
import { produceRaw } from '../../../test/support/kafka.js';
import { waitFor } from '../../../test/support/wait.js';
import { useStorage } from './storage-app.js';

type Health = { items: { feedId: string; polls: number; lastPolledAt: string }[] };

const send = (events: (FeedStatusEvent | string)[]) =>
  produceRaw(
    TOPICS.feedStatus,
    events.map((e) =>
      typeof e === 'string' ? { key: 'broken', value: e } : { key: e.feedId, value: JSON.stringify(e) },
    ),
  );

function poll(
  feedId: string,
  polledAt: string,
  outcome: FeedStatusEvent['outcome'],
  error: string | null = null,
): FeedStatusEvent {
  return {
    feedId,
    feedUrl: `https://${feedId.replaceAll('_', '-')}.example/rss`,
    outcome,
    httpStatus: null,
    latencyMs: 120,
    newItems: outcome === 'ok' ? 2 : 0,
    error,
    polledAt,
  };
}

describe('feed health from news.feed-status.v1 on real Kafka and PostgreSQL', () => {
  const storage = useStorage();
  // Ids of their own: a fetcher elsewhere on the shared broker may publish feed status too.
  const failing = uniqueName('feed');
  const recovered = uniqueName('feed');
  const mine = async () => {
    const { status, body } = await storage.get<Health>('/feeds/health');
    expect(status).toBe(200);
    return body.items.filter((f) => f.feedId === failing || f.feedId === recovered);
  };
  const pollsOf = async (feedId: string) => (await mine()).find((f) => f.feedId === feedId);

  it('keeps the latest poll of each feed with its failure counters, failing feeds first', async () => {
    await send([
      poll(failing, '2025-10-01T08:00:00.000Z', 'ok'),
      poll(failing, '2025-10-01T08:05:00.000Z', 'error', 'HTTP 503 from https://feed.example/rss'),
      poll(recovered, '2025-10-01T08:00:00.000Z', 'error', 'connect ETIMEDOUT'),
      'not json at all', // skipped, logged; the rest still counts
      poll(failing, '2025-10-01T08:10:00.000Z', 'error', 'HTTP 502 from https://feed.example/rss'),
      poll(recovered, '2025-10-01T08:05:00.000Z', 'not-modified'),
    ]);
    const items = await waitFor('both feeds with all their polls', async () => {
      const feeds = await mine();
      return feeds.length === 2 && feeds.every((f) => f.polls === (f.feedId === failing ? 3 : 2))
        ? feeds
        : undefined;
    });
    expect(items).toEqual([
      {
        feedId: failing,
        feedUrl: `https://${failing.replaceAll('_', '-')}.example/rss`,
        status: 'failing',
        lastOutcome: 'error',
        lastPolledAt: '2025-10-01T08:10:00.000Z',
        lastSuccessAt: '2025-10-01T08:00:00.000Z',
        lastError: 'HTTP 502 from https://feed.example/rss',
        lastErrorAt: '2025-10-01T08:10:00.000Z',
        consecutiveFailures: 2,
        polls: 3,
        failures: 2,
        lastHttpStatus: null,
        lastLatencyMs: 120,
        lastNewItems: 0,
      },
      {
        feedId: recovered,
        feedUrl: `https://${recovered.replaceAll('_', '-')}.example/rss`,
        status: 'healthy',
        lastOutcome: 'not-modified',
        lastPolledAt: '2025-10-01T08:05:00.000Z',
        lastSuccessAt: '2025-10-01T08:05:00.000Z',
        lastError: 'connect ETIMEDOUT',
        lastErrorAt: '2025-10-01T08:00:00.000Z',
        consecutiveFailures: 0,
        polls: 2,
        failures: 1,
        lastHttpStatus: null,
        lastLatencyMs: 120,
        lastNewItems: 0,
      },
    ]);
    expect(storage.log.lines('feed status event skipped').map((l) => l.reason)).toContainEqual(
      expect.stringContaining('value is not JSON'),
    );
  }, 60_000);

  it('does not count a redelivered poll twice', async () => {
    // The same events again, then a new poll of the same feed (same key, so the same partition,
    // behind the duplicates): once it shows, the duplicates have been through.
    await send([
      poll(failing, '2025-10-01T08:05:00.000Z', 'error', 'HTTP 503 from https://feed.example/rss'),
      poll(failing, '2025-10-01T08:10:00.000Z', 'error', 'HTTP 502 from https://feed.example/rss'),
      poll(failing, '2025-10-01T08:15:00.000Z', 'ok'),
    ]);
    const feed = await waitFor('the 08:15 poll', async () => {
      const f = await pollsOf(failing);
      return f?.lastPolledAt === '2025-10-01T08:15:00.000Z' ? f : undefined;
    });
    expect(feed).toMatchObject({
      status: 'healthy',
      polls: 4,
      failures: 2,
      consecutiveFailures: 0,
      lastSuccessAt: '2025-10-01T08:15:00.000Z',
      lastError: 'HTTP 502 from https://feed.example/rss',
      lastNewItems: 2,
    });
    const { summary } = (
      await storage.get<{ summary: { total: number; healthy: number; failing: number } }>('/feeds/health')
    ).body;
    expect(summary.total).toBe(summary.healthy + summary.failing);
  }, 60_000);
});
