import type { Logger } from '@news/observability';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { FeedRepository } from '../state/feed.repository.js';
import { describeError } from './describe-error.js';
import type { FeedPoller } from './feed-poller.service.js';

export interface PollSchedulerOptions {
  /** How often due feeds are looked for. */
  tickMs?: number;
  clock?: () => Date;
  /** Names this instance on the feeds it leases; unique per process by default. */
  owner?: string;
  /** How long a claimed feed stays with this instance when it stops renewing (FETCH_LEASE_SECONDS). */
  leaseSeconds?: number;
}

/** A lease owner name unique to this process: host, pid and a random part. */
export function leaseOwnerName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * Polls the feeds that are due, as their `next_poll_at` says, at most
 * `concurrency` at a time. It looks for due feeds every `tickMs` and claims
 * them with a lease in PostgreSQL, so that several instances share the feeds
 * and never poll one twice; a feed's lease is renewed on every tick while its
 * poll runs and released when the poll ends. The feeds of an instance that
 * died are picked up by the others once their leases ran out.
 */
export class PollScheduler {
  private timer?: NodeJS.Timeout;
  private ticking: Promise<void> = Promise.resolve();
  private readonly inFlight = new Map<string, Promise<void>>();
  private stopped = false;
  /** Set by `abandon()`: leases are left to expire, as when the process dies. */
  private abandoned = false;
  private readonly tickMs: number;
  private readonly clock: () => Date;
  readonly owner: string;
  private readonly leaseSeconds: number;

  constructor(
    private readonly poller: Pick<FeedPoller, 'poll'>,
    private readonly feeds: FeedRepository,
    private readonly concurrency: number,
    private readonly logger: Logger,
    options: PollSchedulerOptions = {},
  ) {
    this.tickMs = options.tickMs ?? 1000;
    this.clock = options.clock ?? (() => new Date());
    this.owner = options.owner ?? leaseOwnerName();
    this.leaseSeconds = options.leaseSeconds ?? 120;
  }

  start(): void {
    this.logger.info(
      { concurrency: this.concurrency, owner: this.owner, leaseSeconds: this.leaseSeconds },
      'polling due feeds',
    );
    this.schedule(0);
  }

  /** Stops scheduling and waits for the polls under way, so nothing is cut off half-published. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    await Promise.all(this.inFlight.values());
  }

  /**
   * Stops scheduling at once and neither waits for the polls under way nor
   * releases or renews their leases: what a crash leaves behind (tests use it).
   */
  abandon(): void {
    this.stopped = true;
    this.abandoned = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => this.schedule(this.tickMs));
    }, delayMs);
  }

  /** Renews the leases of the polls under way, then claims and starts due feeds, as many as there are free slots. */
  async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      const now = this.clock();
      await this.feeds.renewLeases(now, [...this.inFlight.keys()], this.owner, this.leaseSeconds);
      const due = await this.feeds.claimDue(
        now,
        this.concurrency - this.inFlight.size,
        this.owner,
        this.leaseSeconds,
      );
      for (const feedUrl of due) {
        if (this.inFlight.has(feedUrl)) continue; // its lease ran out under us: it is ours again, still running
        const poll = this.pollOne(feedUrl).finally(() => this.inFlight.delete(feedUrl));
        this.inFlight.set(feedUrl, poll);
      }
    } catch (error) {
      // The database being away for a moment must not end the schedule.
      this.logger.warn({ reason: describeError(error) }, 'could not read due feeds');
    }
  }

  /** Waits for every poll started so far (tests use it to step the scheduler). */
  async idle(): Promise<void> {
    await Promise.all(this.inFlight.values());
  }

  /** Feeds being polled by this instance now. */
  get polling(): string[] {
    return [...this.inFlight.keys()];
  }

  private async pollOne(feedUrl: string): Promise<void> {
    try {
      const result = await this.poller.poll(feedUrl);
      if (result.outcome !== 'error') {
        this.logger.info(
          {
            feedUrl,
            outcome: result.outcome,
            newItems: result.newItems,
            published: result.published,
            failed: result.failed,
            nextPollAt: result.nextPollAt.toISOString(),
          },
          'feed polled',
        );
      }
    } catch (error) {
      // The poll itself reports feed failures; this is the database or a bug.
      this.logger.error({ feedUrl, reason: describeError(error) }, 'feed poll crashed');
    }
    if (this.abandoned) return;
    try {
      await this.feeds.releaseLease(feedUrl, this.owner);
    } catch (error) {
      // The lease then simply runs out.
      this.logger.warn({ feedUrl, reason: describeError(error) }, 'could not release feed lease');
    }
  }
}
