import { backoffInterval, nextPollAt, normalInterval, type ScheduleSettings } from '../schedule/intervals.js';
import type { FeedEntity } from '../state/feed.entity.js';
import type { Validators } from './conditional-get.js';

/** What a poll found out, as far as the feed's state and schedule care. */
export type PollFacts =
  | {
      kind: 'changed';
      httpStatus: number;
      latencyMs: number;
      /** New validators, or null to keep the old ones (an item is still to retry). */
      validators: Validators | null;
      /** Estimate from this document, or null to keep the previous one. */
      itemsPerDay: number | null;
      hintSeconds: number | null;
    }
  | { kind: 'not-modified'; httpStatus: number; latencyMs: number; hintSeconds: number | null }
  | { kind: 'failed'; httpStatus: number | null; error: string; retryAfterSeconds: number | null };

/** Weight of the newest latency in the running mean. */
const LATENCY_WEIGHT = 0.2;

/**
 * The feed's state after one poll, and when it is due again. Success (200
 * or 304) resets the failure count; a failure backs off exponentially from
 * the feed's normal interval up to the ceiling, and marks the feed unhealthy
 * after `unhealthyAfter` in a row — it is still polled, at the ceiling.
 */
export function applyPoll(
  feed: FeedEntity,
  facts: PollFacts,
  now: Date,
  s: ScheduleSettings,
  random: () => number,
): FeedEntity {
  const next: FeedEntity = Object.assign(Object.create(Object.getPrototypeOf(feed)), feed);
  next.lastPolledAt = now;
  next.lastHttpStatus = facts.httpStatus;
  if (facts.kind === 'failed') {
    next.consecutiveFailures = feed.consecutiveFailures + 1;
    next.lastError = facts.error.slice(0, 1000);
    next.unhealthy = next.consecutiveFailures >= s.unhealthyAfter;
    const delay = backoffInterval(feed.intervalSeconds, next.consecutiveFailures, s);
    next.nextPollAt = nextPollAt(now, delay, facts.retryAfterSeconds, s, random);
    return next;
  }
  next.consecutiveFailures = 0;
  next.lastError = null;
  next.unhealthy = false;
  next.lastSuccessAt = now;
  next.meanLatencyMs =
    feed.meanLatencyMs === null
      ? facts.latencyMs
      : feed.meanLatencyMs + LATENCY_WEIGHT * (facts.latencyMs - feed.meanLatencyMs);
  if (facts.kind === 'changed') {
    if (facts.validators) {
      next.etag = facts.validators.etag;
      next.lastModified = facts.validators.lastModified;
    }
    next.itemsPerDay = facts.itemsPerDay ?? feed.itemsPerDay;
  }
  next.intervalSeconds = normalInterval(next.itemsPerDay, s);
  next.nextPollAt = nextPollAt(now, next.intervalSeconds, facts.hintSeconds, s, random);
  return next;
}
