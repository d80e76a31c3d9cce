import type { FeedEntity, FeedOrigin } from '../state/feed.entity.js';

/** What the scheduler does with a feed: polls it, leaves it paused, or no longer has it configured. */
export type FeedStatus = 'active' | 'paused' | 'inactive';

/** A feed as the REST API shows it: identity, registry facts, and its poll state. */
export interface FeedView {
  id: string;
  url: string;
  title: string | null;
  origin: FeedOrigin;
  status: FeedStatus;
  unhealthy: boolean;
  etag: string | null;
  lastModified: string | null;
  nextPollAt: string;
  intervalSeconds: number;
  consecutiveFailures: number;
  lastError: string | null;
  lastHttpStatus: number | null;
  lastSuccessAt: string | null;
  lastPolledAt: string | null;
  itemsPerDay: number | null;
  meanLatencyMs: number | null;
  createdAt: string;
}

export function feedView(feed: FeedEntity): FeedView {
  return {
    id: feed.id,
    url: feed.url,
    title: feed.title,
    origin: feed.origin,
    status: !feed.active ? 'inactive' : feed.paused ? 'paused' : 'active',
    unhealthy: feed.unhealthy,
    etag: feed.etag,
    lastModified: feed.lastModified,
    nextPollAt: feed.nextPollAt.toISOString(),
    intervalSeconds: feed.intervalSeconds,
    consecutiveFailures: feed.consecutiveFailures,
    lastError: feed.lastError,
    lastHttpStatus: feed.lastHttpStatus,
    lastSuccessAt: feed.lastSuccessAt?.toISOString() ?? null,
    lastPolledAt: feed.lastPolledAt?.toISOString() ?? null,
    itemsPerDay: feed.itemsPerDay,
    meanLatencyMs: feed.meanLatencyMs === null ? null : Math.round(feed.meanLatencyMs),
    createdAt: feed.createdAt.toISOString(),
  };
}
