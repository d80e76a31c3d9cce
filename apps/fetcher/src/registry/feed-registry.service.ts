import type { Logger } from '@news/observability';
import { forEachLimited } from '../polling/page-publisher.js';
import type { FeedRepository, FeedStatusFilter } from '../state/feed.repository.js';
import { nonPublicAddressProblem, type AddressLookup } from './address-check.js';
import type { FeedCandidate } from './discovery.js';
import type { FeedDiscovery } from './feed-discovery.js';
import { feedUrlProblem } from './feed-url.js';
import { feedView, type FeedView } from './feed-view.js';
import { buildOpml, parseOpml } from './opml.js';

/** A request the registry cannot honour as given: the message says what is wrong. */
export class RegistryInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryInputError';
  }
}

export interface FeedRegistryDeps {
  feeds: FeedRepository;
  discovery: FeedDiscovery;
  /** The interval of a new feed until its own pace is known (FETCH_INTERVAL_SECONDS). */
  intervalSeconds: number;
  /** FETCHER_ALLOW_PRIVATE_NETWORKS: when false, feeds on non-public addresses are refused when added. */
  allowPrivateNetworks: boolean;
  logger: Logger;
  lookup?: AddressLookup;
  clock?: () => Date;
}

export type AddResult = { kind: 'added' | 'reactivated' | 'exists'; feed: FeedView };

export interface ImportResult {
  /** New feeds, and inactive ones made active again. */
  added: number;
  existing: number;
  invalid: { url: string; reason: string }[];
}

export interface DiscoverResult {
  candidates: FeedCandidate[];
  /** With `add`, what registering the first candidate did. */
  added?: AddResult;
}

/**
 * The feed registry's use cases behind the REST API: list and inspect
 * feeds, add, pause, resume and delete them, OPML in and out, and discovery.
 * Feeds added here have origin `api`: the feeds file's sync leaves them be.
 */
export class FeedRegistry {
  constructor(private readonly deps: FeedRegistryDeps) {}

  async list(
    status: FeedStatusFilter | undefined,
    limit: number,
    offset: number,
  ): Promise<{ feeds: FeedView[]; total: number }> {
    const page = await this.deps.feeds.list(status, limit, offset);
    return { feeds: page.feeds.map(feedView), total: page.total };
  }

  async get(id: string): Promise<FeedView | null> {
    const feed = await this.deps.feeds.findById(id);
    return feed && feedView(feed);
  }

  /** Registers a feed, due at once; refuses a non-public address unless private networks are allowed. */
  async add(url: string, title: string | null): Promise<AddResult> {
    const problem = feedUrlProblem(url);
    if (problem) throw new RegistryInputError(`url ${JSON.stringify(url.slice(0, 200))}: ${problem}`);
    await this.checkAddress(url);
    const outcome = await this.deps.feeds.add(url, title, this.deps.intervalSeconds);
    if (outcome.kind !== 'exists') {
      this.deps.logger.info({ feedUrl: url, outcome: outcome.kind }, 'feed registered through the API');
    }
    return { kind: outcome.kind, feed: feedView(outcome.feed) };
  }

  async pause(id: string): Promise<FeedView | null> {
    const feed = await this.deps.feeds.setPaused(id, true);
    if (feed) this.deps.logger.info({ feedUrl: feed.url }, 'feed paused');
    return feed && feedView(feed);
  }

  async resume(id: string): Promise<FeedView | null> {
    const feed = await this.deps.feeds.setPaused(id, false);
    if (feed) this.deps.logger.info({ feedUrl: feed.url }, 'feed resumed');
    return feed && feedView(feed);
  }

  async remove(id: string): Promise<FeedView | null> {
    const feed = await this.deps.feeds.remove(id);
    if (feed) this.deps.logger.info({ feedUrl: feed.url, origin: feed.origin }, 'feed deleted');
    return feed && feedView(feed);
  }

  /** Registers every feed of an OPML document; one bad outline is reported, not fatal. */
  async importOpml(text: string): Promise<ImportResult> {
    const content = parseOpml(text);
    const result: ImportResult = { added: 0, existing: 0, invalid: [...content.invalid] };
    // A few at a time: each may wait for a DNS answer.
    await forEachLimited(content.feeds, 8, async ({ url, title }) => {
      const problem = await this.addressProblem(url);
      if (problem) {
        result.invalid.push({ url, reason: problem });
        return;
      }
      const outcome = await this.deps.feeds.add(url, title, this.deps.intervalSeconds);
      if (outcome.kind === 'exists') result.existing++;
      else result.added++;
    });
    this.deps.logger.info(
      { added: result.added, existing: result.existing, invalid: result.invalid.length },
      'OPML imported',
    );
    return result;
  }

  /** The feeds being followed (active or paused) as OPML 2.0; inactive ones left the config and are not. */
  async exportOpml(): Promise<string> {
    const feeds = await this.deps.feeds.allFollowed();
    const now = this.deps.clock?.() ?? new Date();
    return buildOpml(
      feeds.map((f) => ({ url: f.url, title: f.title })),
      'news-ingestion fetcher feeds',
      now,
    );
  }

  async discover(siteUrl: string, add: boolean): Promise<DiscoverResult> {
    await this.checkAddress(siteUrl);
    const candidates = await this.deps.discovery.discover(siteUrl);
    if (!add || candidates.length === 0) return { candidates };
    const first = candidates[0];
    return { candidates, added: await this.add(first.url, first.title) };
  }

  private async checkAddress(url: string): Promise<void> {
    const problem = await this.addressProblem(url);
    if (problem) throw new RegistryInputError(`${problem} (FETCHER_ALLOW_PRIVATE_NETWORKS is off)`);
  }

  private async addressProblem(url: string): Promise<string | null> {
    if (this.deps.allowPrivateNetworks) return null;
    return nonPublicAddressProblem(url, this.deps.lookup);
  }
}
