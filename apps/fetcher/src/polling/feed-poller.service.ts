import { TOPICS, type FeedItem } from '@news/contracts';
import { articleIdFor, canonicalizeUrl } from '@news/extraction';
import { decodeBody, FetchError, type HttpFetcher } from '@news/http-fetch';
import type { EventPublisher } from '@news/messaging';
import type { Logger, ProgressCounters } from '@news/observability';
import { createHash } from 'node:crypto';
import { LIMITS, type FetchLimitsConfig } from '../config.js';
import { FeedParseError, parseFeed, type NormalizedItem } from '@news/feeds';
import type { ItemStateRepository } from '../state/item-state.repository.js';

export const FETCHER_COUNTERS = [
  'feeds-polled',
  'feeds-failed',
  'articles-published',
  'pages-failed',
] as const;
export type FetcherCounter = (typeof FETCHER_COUNTERS)[number];

export interface PollResult {
  feedUrl: string;
  outcome: 'ok' | 'error';
  newItems: number;
  published: number;
  failed: number;
  error: string | null;
}

interface PendingItem {
  /** Canonical link: the item's identity in the seen-state table. */
  key: string;
  link: string;
  item: NormalizedItem;
  /** Failed attempts so far. */
  attempts: number;
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;

/**
 * One poll of one feed, top to bottom: fetch and parse the feed, pick the
 * items not yet published, fetch each page, publish it, and only then record
 * it as seen — a crash in between yields a duplicate (absorbed by storage),
 * never a loss. A page that fails is retried on later polls, up to a limit.
 */
export class FeedPoller {
  constructor(
    private readonly http: HttpFetcher,
    private readonly state: ItemStateRepository,
    private readonly publisher: EventPublisher,
    private readonly counters: ProgressCounters<FetcherCounter>,
    private readonly logger: Logger,
    private readonly limits: FetchLimitsConfig = LIMITS,
    private readonly pageConcurrency = 2,
  ) {}

  async poll(feedUrl: string): Promise<PollResult> {
    const started = Date.now();
    const result: PollResult = { feedUrl, outcome: 'ok', newItems: 0, published: 0, failed: 0, error: null };
    try {
      const response = await this.http.fetch(feedUrl, this.limits.feed, {
        accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
      });
      const feed = await parseFeed(
        decodeBody(response.body, response.contentType, 'xml').text,
        response.finalUrl,
      );
      const pending = await this.pendingItems(feedUrl, feed.items);
      result.newItems = pending.length;
      await forEachLimited(pending, this.pageConcurrency, async (item) => {
        if (await this.fetchAndPublish(feedUrl, item)) result.published++;
        else result.failed++;
      });
      this.counters.inc('feeds-polled');
    } catch (error) {
      result.outcome = 'error';
      result.error = describe(error);
      this.counters.inc('feeds-failed');
      this.logger.warn({ feedUrl, reason: result.error }, 'feed poll failed');
    }
    await this.publishStatus(result, Date.now() - started);
    return result;
  }

  /** Items with a link that are neither published nor given up, one per canonical link. */
  private async pendingItems(feedUrl: string, items: NormalizedItem[]): Promise<PendingItem[]> {
    const byKey = new Map<string, NormalizedItem>();
    for (const item of items) {
      if (!item.link) continue;
      const key = canonicalizeUrl(item.link);
      if (!byKey.has(key)) byKey.set(key, item);
    }
    const states = await this.state.findByKeys(feedUrl, [...byKey.keys()]);
    const pending: PendingItem[] = [];
    for (const [key, item] of byKey) {
      const state = states.get(key);
      if (state?.status === 'published' || state?.status === 'gave-up') continue;
      pending.push({ key, link: item.link as string, item, attempts: state?.attempts ?? 0 });
    }
    return pending;
  }

  private async fetchAndPublish(
    feedUrl: string,
    { key, link, item, attempts }: PendingItem,
  ): Promise<boolean> {
    try {
      const page = await this.http.fetch(link, this.limits.page, {
        accept: 'text/html, application/xhtml+xml;q=0.9',
      });
      if (!HTML_TYPES.test(page.contentType ?? '')) {
        throw new FetchError(
          'http-status',
          link,
          `not an HTML page (content-type ${page.contentType ?? 'missing'})`,
          415,
        );
      }
      const decoded = decodeBody(page.body, page.contentType, 'html');
      const id = articleIdFor(key);
      await this.publisher.publish(TOPICS.rawArticles, [
        {
          key: id,
          event: {
            id,
            feedUrl,
            item: toFeedItem(item, link),
            requestedUrl: page.requestedUrl,
            finalUrl: page.finalUrl,
            httpStatus: page.status,
            contentType: page.contentType,
            charset: decoded.charset,
            fetchedAt: new Date().toISOString(),
            html: decoded.text,
          },
        },
      ]);
      await this.state.markPublished(feedUrl, key, page.finalUrl);
      this.counters.inc('articles-published');
      this.logger.info({ url: link, id }, 'article page published');
      return true;
    } catch (error) {
      const reason = describe(error);
      const permanent = error instanceof FetchError && error.isPermanent;
      const giveUp = permanent || attempts + 1 >= this.limits.maxPageAttempts;
      await this.state.markFailed(feedUrl, key, reason, giveUp);
      this.counters.inc('pages-failed');
      this.logger.warn(
        { url: link, reason, attempts: attempts + 1, willRetry: !giveUp },
        'article page failed',
      );
      return false;
    }
  }

  private async publishStatus(result: PollResult, latencyMs: number): Promise<void> {
    const feedId = createHash('sha256').update(canonicalizeUrl(result.feedUrl)).digest('hex').slice(0, 32);
    try {
      await this.publisher.publish(TOPICS.feedStatus, [
        {
          key: feedId,
          event: {
            feedId,
            feedUrl: result.feedUrl,
            outcome: result.outcome,
            httpStatus: null,
            latencyMs,
            newItems: result.newItems,
            error: result.error,
            polledAt: new Date().toISOString(),
          },
        },
      ]);
    } catch (error) {
      // Feed status is telemetry: losing one must not fail the poll.
      this.logger.warn({ feedUrl: result.feedUrl, reason: describe(error) }, 'feed status not published');
    }
  }
}

function toFeedItem(item: NormalizedItem, link: string): FeedItem {
  return {
    guid: item.id === canonicalizeUrl(link) ? null : item.id,
    title: item.title,
    link,
    summary: item.summary,
    author: item.author,
    categories: item.categories,
    publishedAt: item.publishedAt,
  };
}

function describe(error: unknown): string {
  if (error instanceof FetchError || error instanceof FeedParseError) return error.message;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Runs `task` over `items` with at most `limit` at a time. */
export async function forEachLimited<T>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await task(items[next++]);
  });
  await Promise.all(workers);
}
