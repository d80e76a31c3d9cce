import { describe, expect, it } from '@jest/globals';
import { scheduleSettings } from '../schedule/intervals.js';
import { FeedEntity } from '../state/feed.entity.js';
import { applyPoll, type PollFacts } from './poll-outcome.js';

const s = scheduleSettings(300, 120, 86_400);
const noJitter = () => 0.5;
const now = new Date('2026-11-27T10:00:00Z');

function feed(fields: Partial<FeedEntity> = {}): FeedEntity {
  return Object.assign(new FeedEntity(), {
    url: 'https://a.example/rss',
    active: true,
    etag: '"v1"',
    lastModified: 'Thu, 26 Nov 2026 10:00:00 GMT',
    nextPollAt: now,
    intervalSeconds: 300,
    consecutiveFailures: 0,
    lastError: null,
    lastHttpStatus: null,
    lastSuccessAt: null,
    lastPolledAt: null,
    itemsPerDay: null,
    meanLatencyMs: null,
    unhealthy: false,
    ...fields,
  });
}

const failed: PollFacts = { kind: 'failed', httpStatus: 500, error: 'HTTP 500', retryAfterSeconds: null };

describe('applyPoll', () => {
  it('stores the new validators and the observed frequency of a changed feed', () => {
    const next = applyPoll(
      feed({ consecutiveFailures: 3 }),
      {
        kind: 'changed',
        httpStatus: 200,
        latencyMs: 40,
        validators: { etag: '"v2"', lastModified: null },
        itemsPerDay: 24,
        hintSeconds: null,
      },
      now,
      s,
      noJitter,
    );
    expect(next).toMatchObject({
      etag: '"v2"',
      lastModified: null,
      itemsPerDay: 24,
      intervalSeconds: 3600,
      consecutiveFailures: 0,
      lastSuccessAt: now,
      lastPolledAt: now,
      lastHttpStatus: 200,
      meanLatencyMs: 40,
      nextPollAt: new Date('2026-11-27T11:00:00Z'),
    });
  });

  it('keeps the old validators when items are left to retry', () => {
    const next = applyPoll(
      feed(),
      {
        kind: 'changed',
        httpStatus: 200,
        latencyMs: 10,
        validators: null,
        itemsPerDay: null,
        hintSeconds: null,
      },
      now,
      s,
      noJitter,
    );
    expect(next).toMatchObject({ etag: '"v1"', lastModified: 'Thu, 26 Nov 2026 10:00:00 GMT' });
  });

  it('keeps validators and frequency on 304, and averages the latency', () => {
    const next = applyPoll(
      feed({ itemsPerDay: 288, meanLatencyMs: 100 }),
      { kind: 'not-modified', httpStatus: 304, latencyMs: 200, hintSeconds: 900 },
      now,
      s,
      noJitter,
    );
    expect(next).toMatchObject({
      etag: '"v1"',
      itemsPerDay: 288,
      intervalSeconds: 300,
      meanLatencyMs: 120,
      lastHttpStatus: 304,
      nextPollAt: new Date('2026-11-27T10:15:00Z'), // the max-age of 900 s
    });
  });

  it('backs off exponentially and marks the feed unhealthy at the tenth failure in a row', () => {
    let state = feed();
    const delays: number[] = [];
    const unhealthy: boolean[] = [];
    for (let i = 0; i < 11; i++) {
      state = applyPoll(state, failed, now, s, noJitter);
      delays.push((state.nextPollAt.getTime() - now.getTime()) / 1000);
      unhealthy.push(state.unhealthy);
    }
    expect(delays).toEqual([300, 600, 1200, 2400, 4800, 9600, 19_200, 38_400, 76_800, 86_400, 86_400]);
    expect(unhealthy).toEqual([false, false, false, false, false, false, false, false, false, true, true]);
    expect(state).toMatchObject({ consecutiveFailures: 11, lastError: 'HTTP 500', intervalSeconds: 300 });

    const recovered = applyPoll(
      state,
      { kind: 'not-modified', httpStatus: 304, latencyMs: 1, hintSeconds: null },
      now,
      s,
      noJitter,
    );
    expect(recovered).toMatchObject({ consecutiveFailures: 0, unhealthy: false, lastError: null });
  });

  it('waits for Retry-After when it is longer than the backoff', () => {
    const next = applyPoll(feed(), { ...failed, httpStatus: 429, retryAfterSeconds: 7200 }, now, s, noJitter);
    expect(next.nextPollAt).toEqual(new Date('2026-11-27T12:00:00Z'));
  });
});
