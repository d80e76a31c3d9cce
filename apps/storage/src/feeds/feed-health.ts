import type { FeedStatusEvent } from '@news/contracts';

/** What storage keeps per feed: the latest poll, and counters over every poll it has applied. */
export interface FeedHealthState {
  feedId: string;
  feedUrl: string;
  lastOutcome: FeedStatusEvent['outcome'];
  lastHttpStatus: number | null;
  lastLatencyMs: number;
  lastNewItems: number;
  lastPolledAt: Date;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  polls: number;
  failures: number;
  consecutiveFailures: number;
}

/** A 304 is the feed answering "nothing new": a success, like a 200. */
export function isFailedPoll(outcome: FeedStatusEvent['outcome']): boolean {
  return outcome === 'error';
}

/**
 * One poll applied to a feed's state. A poll that is not later than the last one applied
 * changes nothing (undefined): a redelivered event is a no-op, which is what makes the
 * counters safe under at-least-once delivery. Events are keyed by feed id, so one feed's
 * polls arrive in order on one partition, and "not later" only ever means "seen before".
 */
export function applyPoll(
  state: FeedHealthState | undefined,
  event: FeedStatusEvent,
): FeedHealthState | undefined {
  const polledAt = new Date(event.polledAt);
  if (state && polledAt <= state.lastPolledAt) return undefined;
  const failed = isFailedPoll(event.outcome);
  return {
    feedId: event.feedId,
    feedUrl: event.feedUrl,
    lastOutcome: event.outcome,
    lastHttpStatus: event.httpStatus,
    lastLatencyMs: event.latencyMs,
    lastNewItems: event.newItems,
    lastPolledAt: polledAt,
    lastSuccessAt: failed ? (state?.lastSuccessAt ?? null) : polledAt,
    // The last error stays after a recovery, with its time, so "what went wrong last" is answerable.
    lastError: failed ? (event.error ?? 'unknown error') : (state?.lastError ?? null),
    lastErrorAt: failed ? polledAt : (state?.lastErrorAt ?? null),
    polls: (state?.polls ?? 0) + 1,
    failures: (state?.failures ?? 0) + (failed ? 1 : 0),
    consecutiveFailures: failed ? (state?.consecutiveFailures ?? 0) + 1 : 0,
  };
}

/**
 * A batch of polls folded onto the stored states, oldest poll first. Returns the states that
 * changed and how many events were applied or skipped as already seen.
 */
export function foldPolls(
  current: ReadonlyMap<string, FeedHealthState>,
  events: readonly FeedStatusEvent[],
): { changed: FeedHealthState[]; applied: number; skipped: number } {
  const states = new Map(current);
  const changed = new Set<string>();
  let applied = 0;
  const ordered = [...events].sort((a, b) => Date.parse(a.polledAt) - Date.parse(b.polledAt));
  for (const event of ordered) {
    const next = applyPoll(states.get(event.feedId), event);
    if (!next) continue;
    states.set(event.feedId, next);
    changed.add(event.feedId);
    applied += 1;
  }
  return {
    changed: [...changed].map((id) => states.get(id) as FeedHealthState),
    applied,
    skipped: events.length - applied,
  };
}

/** A feed as `GET /feeds/health` shows it. */
export interface FeedHealthView {
  feedId: string;
  feedUrl: string;
  status: 'healthy' | 'failing';
  lastOutcome: FeedStatusEvent['outcome'];
  lastPolledAt: string;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  polls: number;
  failures: number;
  lastHttpStatus: number | null;
  lastLatencyMs: number;
  lastNewItems: number;
}

/** Failing while the latest poll failed; one good poll makes the feed healthy again. */
export function feedHealthView(state: FeedHealthState): FeedHealthView {
  return {
    feedId: state.feedId,
    feedUrl: state.feedUrl,
    status: state.consecutiveFailures > 0 ? 'failing' : 'healthy',
    lastOutcome: state.lastOutcome,
    lastPolledAt: state.lastPolledAt.toISOString(),
    lastSuccessAt: state.lastSuccessAt?.toISOString() ?? null,
    lastError: state.lastError,
    lastErrorAt: state.lastErrorAt?.toISOString() ?? null,
    consecutiveFailures: state.consecutiveFailures,
    polls: state.polls,
    failures: state.failures,
    lastHttpStatus: state.lastHttpStatus,
    lastLatencyMs: state.lastLatencyMs,
    lastNewItems: state.lastNewItems,
  };
}
