import type { Logger } from '@news/observability';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Semaphore } from '../politeness/semaphore.js';
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
  /**
   * Most feeds of one host under lease at once, over all instances; no limit
   * when left out. The fetcher sets it to the per-host concurrency: a host
   * serves one request per politeness delay, so more of its feeds would only
   * wait at its gate holding slots.
   */
  perHostLimit?: number;
  /**
   * After a poll ends, how long to wait before claiming for the freed slots,
   * so that polls ending together are refilled by one claim, not one each.
   */
  refillDelayMs?: number;
}

/** A lease owner name unique to this process: host, pid and a random part. */
export function leaseOwnerName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * Polls the feeds that are due, as their `next_poll_at` says, at most
 * `concurrency` at a time. It claims due feeds with a lease in PostgreSQL,
 * so that several instances share the feeds and never poll one twice; a
 * feed's lease is renewed on every tick while its poll runs and released
 * when the poll ends. The feeds of an instance that died are picked up by
 * the others once their leases ran out.
 *
 * Once started, a slot freed by a poll is filled again right away (after
 * `refillDelayMs`), not at the next tick: with a second between ticks, a
 * busy cycle would otherwise leave most slots idle most of the time. The
 * tick remains for the feeds that come due by the clock, and for renewals.
 * Claims are spread over hosts (see `FeedRepository.claimDue`).
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
  private readonly perHostLimit: number | null;
  private readonly refillDelayMs: number;
  /** Set by `start()`: only a running scheduler refills on its own; tests step `tick()` by hand. */
  private running = false;
  private refillTimer?: NodeJS.Timeout;
  private refilling: Promise<void> = Promise.resolve();
  /** One claim at a time, so that two never both count the same free slots. */
  private readonly claiming = new Semaphore(1);

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
    this.perHostLimit = options.perHostLimit ?? null;
    this.refillDelayMs = options.refillDelayMs ?? 50;
  }

  start(): void {
    this.logger.info(
      {
        concurrency: this.concurrency,
        perHostLimit: this.perHostLimit,
        owner: this.owner,
        leaseSeconds: this.leaseSeconds,
      },
      'polling due feeds',
    );
    this.running = true;
    this.schedule(0);
  }

  /** Stops scheduling and waits for the polls under way, so nothing is cut off half-published. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.refillTimer) clearTimeout(this.refillTimer);
    await this.ticking;
    await this.refilling;
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
    if (this.refillTimer) clearTimeout(this.refillTimer);
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
      await this.feeds.renewLeases(this.clock(), [...this.inFlight.keys()], this.owner, this.leaseSeconds);
      await this.claimFreeSlots();
    } catch (error) {
      // The database being away for a moment must not end the schedule.
      this.logger.warn({ reason: describeError(error) }, 'could not read due feeds');
    }
  }

  /** Claims due feeds for the slots free now and starts their polls. */
  private async claimFreeSlots(): Promise<void> {
    await this.claiming.run(async () => {
      if (this.stopped) return;
      const due = await this.feeds.claimDue(
        this.clock(),
        this.concurrency - this.inFlight.size,
        this.owner,
        this.leaseSeconds,
        this.perHostLimit,
      );
      for (const feedUrl of due) {
        if (this.inFlight.has(feedUrl)) continue; // its lease ran out under us: it is ours again, still running
        const poll = this.pollOne(feedUrl).finally(() => {
          this.inFlight.delete(feedUrl);
          this.refillSoon();
        });
        this.inFlight.set(feedUrl, poll);
      }
    });
  }

  /** Claims for the freed slots shortly; polls ending meanwhile share that one claim. */
  private refillSoon(): void {
    if (!this.running || this.stopped || this.refillTimer) return;
    this.refillTimer = setTimeout(() => {
      // Polls ending while this claim runs schedule the next one.
      this.refillTimer = undefined;
      this.refilling = this.claimFreeSlots().catch((error: unknown) =>
        this.logger.warn({ reason: describeError(error) }, 'could not read due feeds'),
      );
    }, this.refillDelayMs);
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
