import { describe, expect, it } from '@jest/globals';
import type { FeedStatusEvent } from '@news/contracts';
import { applyPoll, feedHealthView, foldPolls, type FeedHealthState } from './feed-health.js';

const poll = (
  polledAt: string,
  outcome: FeedStatusEvent['outcome'],
  error: string | null = null,
  feedId = 'f1',
): FeedStatusEvent => ({
  feedId,
  feedUrl: `https://${feedId}.example/rss`,
  outcome,
  httpStatus: outcome === 'not-modified' ? 304 : null,
  latencyMs: 80,
  newItems: outcome === 'ok' ? 3 : 0,
  error,
  polledAt,
});

describe('applyPoll', () => {
  it('starts a feed from its first poll', () => {
    expect(applyPoll(undefined, poll('2025-10-01T08:00:00.000Z', 'error', 'HTTP 500'))).toEqual({
      feedId: 'f1',
      feedUrl: 'https://f1.example/rss',
      lastOutcome: 'error',
      lastHttpStatus: null,
      lastLatencyMs: 80,
      lastNewItems: 0,
      lastPolledAt: new Date('2025-10-01T08:00:00.000Z'),
      lastSuccessAt: null,
      lastError: 'HTTP 500',
      lastErrorAt: new Date('2025-10-01T08:00:00.000Z'),
      polls: 1,
      failures: 1,
      consecutiveFailures: 1,
    });
  });

  it('ignores a poll that is not later than the last one applied (a redelivery)', () => {
    const state = applyPoll(undefined, poll('2025-10-01T08:00:00.000Z', 'ok')) as FeedHealthState;
    expect(applyPoll(state, poll('2025-10-01T08:00:00.000Z', 'ok'))).toBeUndefined();
    expect(applyPoll(state, poll('2025-10-01T07:55:00.000Z', 'error', 'late'))).toBeUndefined();
  });

  it('counts a not-modified answer as a success', () => {
    const failed = applyPoll(
      undefined,
      poll('2025-10-01T08:00:00.000Z', 'error', 'timeout'),
    ) as FeedHealthState;
    expect(applyPoll(failed, poll('2025-10-01T08:05:00.000Z', 'not-modified'))).toMatchObject({
      lastOutcome: 'not-modified',
      lastHttpStatus: 304,
      lastSuccessAt: new Date('2025-10-01T08:05:00.000Z'),
      consecutiveFailures: 0,
      failures: 1,
      polls: 2,
      // What went wrong last is kept after the recovery.
      lastError: 'timeout',
      lastErrorAt: new Date('2025-10-01T08:00:00.000Z'),
    });
  });

  it('names an error event without a message', () => {
    expect(applyPoll(undefined, poll('2025-10-01T08:00:00.000Z', 'error', null))?.lastError).toBe(
      'unknown error',
    );
  });
});

describe('foldPolls', () => {
  it('applies a batch oldest first, whatever order it came in, and skips what was applied before', () => {
    const stored = applyPoll(undefined, poll('2025-10-01T08:00:00.000Z', 'ok')) as FeedHealthState;
    const result = foldPolls(new Map([['f1', stored]]), [
      poll('2025-10-01T08:10:00.000Z', 'error', 'HTTP 502'),
      poll('2025-10-01T08:00:00.000Z', 'ok'), // already stored
      poll('2025-10-01T08:05:00.000Z', 'error', 'HTTP 503'),
      poll('2025-10-01T08:05:00.000Z', 'ok', null, 'f2'),
    ]);
    expect(result.applied).toBe(3);
    expect(result.skipped).toBe(1);
    expect(
      result.changed.map((s) => [s.feedId, s.polls, s.failures, s.consecutiveFailures, s.lastError]),
    ).toEqual([
      ['f1', 3, 2, 2, 'HTTP 502'],
      ['f2', 1, 0, 0, null],
    ]);
  });

  it('changes nothing when every poll was applied before', () => {
    const stored = applyPoll(undefined, poll('2025-10-01T08:00:00.000Z', 'ok')) as FeedHealthState;
    expect(foldPolls(new Map([['f1', stored]]), [poll('2025-10-01T08:00:00.000Z', 'ok')])).toEqual({
      changed: [],
      applied: 0,
      skipped: 1,
    });
  });
});

describe('feedHealthView', () => {
  it('is failing while the latest poll failed, and healthy after one success', () => {
    const failed = applyPoll(
      undefined,
      poll('2025-10-01T08:00:00.000Z', 'error', 'HTTP 500'),
    ) as FeedHealthState;
    const recovered = applyPoll(failed, poll('2025-10-01T08:05:00.000Z', 'ok')) as FeedHealthState;
    expect(feedHealthView(failed)).toMatchObject({
      status: 'failing',
      lastSuccessAt: null,
      consecutiveFailures: 1,
    });
    expect(feedHealthView(recovered)).toEqual({
      feedId: 'f1',
      feedUrl: 'https://f1.example/rss',
      status: 'healthy',
      lastOutcome: 'ok',
      lastPolledAt: '2025-10-01T08:05:00.000Z',
      lastSuccessAt: '2025-10-01T08:05:00.000Z',
      lastError: 'HTTP 500',
      lastErrorAt: '2025-10-01T08:00:00.000Z',
      consecutiveFailures: 0,
      polls: 2,
      failures: 1,
      lastHttpStatus: null,
      lastLatencyMs: 80,
      lastNewItems: 3,
    });
  });
});
