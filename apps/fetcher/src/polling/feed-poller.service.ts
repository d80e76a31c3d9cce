import { TOPICS } from '@news/contracts';
import { canonicalizeUrl } from '@news/extraction';
import { parseFeed, type NormalizedFeed } from '@news/feeds';
import { decodeBody, FetchError, type FetchedResource } from '@news/http-fetch';
import type { EventPublisher } from '@news/messaging';
import type { Logger, ProgressCounters } from '@news/observability';
import { LIMITS, type FetchLimitsConfig } from '../config.js';
import type { ResourceFetcher } from '../politeness/polite-fetcher.js';
import type { RobotsChecker } from '../politeness/robots-policy.js';
import { cacheHintSeconds, retryAfterSeconds } from '../schedule/freshness.js';
import type { ScheduleSettings } from '../schedule/intervals.js';
import { estimateItemsPerDay } from '../schedule/item-frequency.js';
import type { FeedEntity } from '../state/feed.entity.js';
import { feedIdFor } from '../state/feed-id.js';
import type { FeedRepository } from '../state/feed.repository.js';
import type { ItemStateRepository } from '../state/item-state.repository.js';
import { conditionalHeaders, validatorsOf } from './conditional-get.js';
import { describeError } from './describe-error.js';
import type { FetcherCounter } from './fetcher-counters.js';
import type { FetcherMetrics } from './fetcher-metrics.js';
import { PagePublisher } from './page-publisher.js';
import { applyPoll, type PollFacts } from './poll-outcome.js';

export { FETCHER_COUNTERS, type FetcherCounter } from './fetcher-counters.js';
export { forEachLimited } from './page-publisher.js';

export interface PollResult {
  feedUrl: string;
  outcome: 'ok' | 'not-modified' | 'error';
  httpStatus: number | null;
  newItems: number;
  published: number;
  failed: number;
  error: string | null;
  nextPollAt: Date;
}

export interface FeedPollerDeps {
  http: ResourceFetcher;
  feeds: FeedRepository;
  items: ItemStateRepository;
  publisher: EventPublisher;
  counters: ProgressCounters<FetcherCounter>;
  logger: Logger;
  schedule: ScheduleSettings;
  /** Prometheus metrics of polls and bytes; left out by tests that do not look at them. */
  metrics?: FetcherMetrics;
  limits?: FetchLimitsConfig;
  pageConcurrency?: number;
  /** Asked before each article page; every page is allowed when left out (FETCH_RESPECT_ROBOTS=false). */
  robots?: RobotsChecker;
  /** Injected so tests can check the schedule exactly. */
  clock?: () => Date;
  random?: () => number;
}

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, ' +
  'text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

/**
 * One refresh of one feed, top to bottom: ask for the feed conditionally;
 * on 304 there is nothing to read; otherwise parse it, publish the pages of
 * new items, forget old seen-items, and keep the new validators. Whatever
 * happened is written to the feed's state with its next poll time, and
 * reported as a feed-status event.
 */
export class FeedPoller {
  private readonly pages: PagePublisher;
  private readonly limits: FetchLimitsConfig;
  private readonly clock: () => Date;
  private readonly random: () => number;

  constructor(private readonly deps: FeedPollerDeps) {
    this.limits = deps.limits ?? LIMITS;
    this.clock = deps.clock ?? (() => new Date());
    this.random = deps.random ?? Math.random;
    this.pages = new PagePublisher(
      deps.metrics ? deps.metrics.metered(deps.http, 'page') : deps.http,
      deps.items,
      deps.publisher,
      deps.counters,
      deps.logger,
      this.limits,
      deps.pageConcurrency ?? 2,
      deps.robots,
    );
  }

  async poll(feedUrl: string): Promise<PollResult> {
    const feed = await this.deps.feeds.ensure(feedUrl, this.deps.schedule.defaultSeconds);
    const started = performance.now();
    const result = { feedUrl, newItems: 0, published: 0, failed: 0 };
    let facts: PollFacts;
    // Kept for the report when the body then turns out not to be a feed.
    let httpStatus: number | null = null;
    try {
      const response = await this.deps.http.fetch(feedUrl, this.limits.feed, {
        accept: FEED_ACCEPT,
        ...conditionalHeaders(feed),
      });
      httpStatus = response.status;
      this.deps.metrics?.fetched('feed', response.body.length);
      const latencyMs = performance.now() - started;
      const now = this.clock();
      if (response.status === 304) {
        facts = { kind: 'not-modified', httpStatus: 304, latencyMs, hintSeconds: this.hint(response, null) };
      } else {
        facts = await this.readChanged(feedUrl, feed, response, latencyMs, now, result);
      }
    } catch (error) {
      facts = failure(error, httpStatus, this.clock());
    }
    const updated = await this.record(feed, facts);
    const outcome =
      facts.kind === 'changed' ? 'ok' : facts.kind === 'not-modified' ? 'not-modified' : 'error';
    const pollResult: PollResult = {
      ...result,
      outcome,
      httpStatus: facts.httpStatus,
      error: facts.kind === 'failed' ? facts.error : null,
      nextPollAt: updated.nextPollAt,
    };
    const elapsedMs = performance.now() - started;
    this.deps.metrics?.observePoll(outcome, elapsedMs / 1000, pollResult.newItems);
    await this.publishStatus(pollResult, Math.round(elapsedMs));
    return pollResult;
  }

  /**
   * A changed feed: parse it, publish the pages of its new items, forget old
   * seen-items. What is needed of the response and the parsed document is
   * taken out before the page requests, which can wait at the host's gate for
   * seconds: the body and the document are garbage by then, and do not grow
   * the heap of a fetcher with hundreds of polls under way.
   */
  private async readChanged(
    feedUrl: string,
    feed: FeedEntity,
    response: FetchedResource,
    latencyMs: number,
    now: Date,
    result: Pick<PollResult, 'newItems' | 'published' | 'failed'>,
  ): Promise<PollFacts> {
    const doc = await parseFeed(
      decodeBody(response.body, response.contentType, 'xml').text,
      response.finalUrl,
    );
    const { status } = response;
    const validators = validatorsOf(response);
    const hintSeconds = this.hint(response, doc.ttlMinutes);
    const itemsPerDay = estimateItemsPerDay(
      doc.items.map((i) => i.publishedAt),
      now,
    );
    const keep = linksOf(doc);
    if (doc.title && !feed.title) await this.deps.feeds.rememberTitle(feedUrl, doc.title);
    const pending = await this.pages.pending(feedUrl, doc.items);
    const pages = await this.pages.publishAll(feedUrl, pending);
    Object.assign(result, { newItems: pending.length, published: pages.published, failed: pages.failed });
    await this.forgetOldItems(feedUrl, keep);
    return {
      kind: 'changed',
      httpStatus: status,
      latencyMs,
      // A 304 next time would hide the items still to retry: keep asking for the older version.
      validators: pages.toRetry === 0 ? validators : null,
      itemsPerDay,
      hintSeconds,
    };
  }

  private hint(response: FetchedResource, ttlMinutes: number | null): number | null {
    return cacheHintSeconds(response.headers, ttlMinutes, this.clock());
  }

  /** Seen-state stays bounded; items still in the feed are kept whatever their age. */
  private async forgetOldItems(feedUrl: string, keep: string[]): Promise<void> {
    const { maxAgeDays, maxItemsPerFeed } = this.limits.seenItems;
    await this.deps.items.prune(feedUrl, keep, maxAgeDays, maxItemsPerFeed);
  }

  private async record(feed: FeedEntity, facts: PollFacts): Promise<FeedEntity> {
    const updated = applyPoll(feed, facts, this.clock(), this.deps.schedule, this.random);
    await this.deps.feeds.save(updated);
    const { counters, logger } = this.deps;
    if (facts.kind === 'failed') {
      counters.inc('feeds-failed');
      logger.warn(
        {
          feedUrl: feed.url,
          reason: facts.error,
          failures: updated.consecutiveFailures,
          nextPollAt: updated.nextPollAt,
        },
        'feed poll failed',
      );
      if (updated.unhealthy && !feed.unhealthy)
        logger.warn({ feedUrl: feed.url, failures: updated.consecutiveFailures }, 'feed marked unhealthy');
    } else {
      counters.inc(facts.kind === 'changed' ? 'feeds-polled' : 'feeds-not-modified');
      if (feed.unhealthy) logger.info({ feedUrl: feed.url }, 'feed healthy again');
    }
    return updated;
  }

  private async publishStatus(result: PollResult, latencyMs: number): Promise<void> {
    const feedId = feedIdFor(result.feedUrl);
    try {
      await this.deps.publisher.publish(TOPICS.feedStatus, [
        {
          key: feedId,
          event: {
            feedId,
            feedUrl: result.feedUrl,
            outcome: result.outcome,
            httpStatus: result.httpStatus,
            latencyMs,
            newItems: result.newItems,
            error: result.error,
            polledAt: this.clock().toISOString(),
          },
        },
      ]);
    } catch (error) {
      // Feed status is telemetry: losing one must not fail the poll.
      this.deps.logger.warn(
        { feedUrl: result.feedUrl, reason: describeError(error) },
        'feed status not published',
      );
    }
  }
}

/** The canonical links of the feed's items: the seen-items kept whatever their age. */
function linksOf(doc: NormalizedFeed): string[] {
  return [...new Set(doc.items.flatMap((i) => (i.link ? [canonicalizeUrl(i.link)] : [])))];
}

/** A failed poll; an HTTP error keeps its status and, on 429/503, the server's Retry-After. */
function failure(error: unknown, responseStatus: number | null, now: Date): PollFacts {
  const status =
    error instanceof FetchError && error.kind === 'http-status' ? (error.status ?? null) : responseStatus;
  const retryAfter =
    status === 429 || status === 503
      ? retryAfterSeconds((error as FetchError).headers['retry-after'], now)
      : null;
  return { kind: 'failed', httpStatus: status, error: describeError(error), retryAfterSeconds: retryAfter };
}
