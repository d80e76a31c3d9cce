import { TOPICS, type FeedItem } from '@news/contracts';
import { articleIdFor, canonicalizeUrl } from '@news/extraction';
import type { NormalizedItem } from '@news/feeds';
import { decodeBody, FetchError } from '@news/http-fetch';
import type { EventPublisher } from '@news/messaging';
import type { Logger, ProgressCounters } from '@news/observability';
import type { FetchLimitsConfig } from '../config.js';
import type { ResourceFetcher } from '../politeness/polite-fetcher.js';
import { IGNORE_ROBOTS, type RobotsChecker } from '../politeness/robots-policy.js';
import { RobotsRefusal } from '../politeness/robots-refusal.js';
import type { ItemStateRepository } from '../state/item-state.repository.js';
import { describeError } from './describe-error.js';
import type { FetcherCounter } from './fetcher-counters.js';

export interface PendingItem {
  /** Canonical link: the item's identity in the seen-state table. */
  key: string;
  link: string;
  item: NormalizedItem;
  /** Failed attempts so far. */
  attempts: number;
}

export interface PagesOutcome {
  published: number;
  failed: number;
  /** Items that failed but will be tried again on a later poll. */
  toRetry: number;
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;

/**
 * The items of a feed that still need their page: fetch each page, publish
 * it, and only then record it as seen — a crash in between yields a
 * duplicate (absorbed by storage), never a loss. A page that fails is
 * retried on later polls, up to a limit.
 */
export class PagePublisher {
  constructor(
    private readonly http: ResourceFetcher,
    private readonly items: ItemStateRepository,
    private readonly publisher: EventPublisher,
    private readonly counters: ProgressCounters<FetcherCounter>,
    private readonly logger: Logger,
    private readonly limits: FetchLimitsConfig,
    private readonly pageConcurrency: number,
    private readonly robots: RobotsChecker = IGNORE_ROBOTS,
  ) {}

  /** Items with a link that are neither published nor given up, one per canonical link. */
  async pending(feedUrl: string, items: NormalizedItem[]): Promise<PendingItem[]> {
    const byKey = new Map<string, NormalizedItem>();
    for (const item of items) {
      if (!item.link) continue;
      const key = canonicalizeUrl(item.link);
      if (!byKey.has(key)) byKey.set(key, item);
    }
    const states = await this.items.findByKeys(feedUrl, [...byKey.keys()]);
    const pending: PendingItem[] = [];
    for (const [key, item] of byKey) {
      const state = states.get(key);
      if (state?.status === 'published' || state?.status === 'gave-up') continue;
      pending.push({ key, link: item.link as string, item, attempts: state?.attempts ?? 0 });
    }
    return pending;
  }

  async publishAll(feedUrl: string, pending: PendingItem[]): Promise<PagesOutcome> {
    const outcome: PagesOutcome = { published: 0, failed: 0, toRetry: 0 };
    await forEachLimited(pending, this.pageConcurrency, async (item) => {
      const result = await this.fetchAndPublish(feedUrl, item);
      if (result === 'published') outcome.published++;
      else outcome.failed++;
      if (result === 'retry') outcome.toRetry++;
    });
    return outcome;
  }

  private async fetchAndPublish(
    feedUrl: string,
    { key, link, item, attempts }: PendingItem,
  ): Promise<'published' | 'retry' | 'gave-up'> {
    try {
      const verdict = await this.robots.check(link);
      if (!verdict.allowed) throw new RobotsRefusal(link, verdict.reason, verdict.permanent);
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
      await this.items.markPublished(feedUrl, key, page.finalUrl);
      this.counters.inc('articles-published');
      this.logger.info({ url: link, id }, 'article page published');
      return 'published';
    } catch (error) {
      const reason = describeError(error);
      const permanent = (error instanceof FetchError || error instanceof RobotsRefusal) && error.isPermanent;
      const giveUp = permanent || attempts + 1 >= this.limits.maxPageAttempts;
      await this.items.markFailed(feedUrl, key, reason, giveUp);
      this.counters.inc('pages-failed');
      if (error instanceof RobotsRefusal && error.isPermanent) this.counters.inc('pages-robots-disallowed');
      this.logger.warn(
        { url: link, reason, attempts: attempts + 1, willRetry: !giveUp },
        'article page failed',
      );
      return giveUp ? 'gave-up' : 'retry';
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
