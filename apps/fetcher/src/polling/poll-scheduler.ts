import type { Logger } from '@news/observability';
import type { FeedRepository } from '../state/feed.repository.js';
import { describeError } from './describe-error.js';
import type { FeedPoller } from './feed-poller.service.js';

/**
 * Polls the feeds that are due, as their `next_poll_at` says, at most
 * `concurrency` at a time. It looks for due feeds every `tickMs`; a feed
 * still being polled is never started twice.
 */
export class PollScheduler {
  private timer?: NodeJS.Timeout;
  private ticking: Promise<void> = Promise.resolve();
  private readonly inFlight = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    private readonly poller: Pick<FeedPoller, 'poll'>,
    private readonly feeds: FeedRepository,
    private readonly concurrency: number,
    private readonly logger: Logger,
    private readonly tickMs = 1000,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  start(): void {
    this.logger.info({ concurrency: this.concurrency }, 'polling due feeds');
    this.schedule(0);
  }

  /** Stops scheduling and waits for the polls under way, so nothing is cut off half-published. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    await Promise.all(this.inFlight.values());
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => this.schedule(this.tickMs));
    }, delayMs);
  }

  /** Starts the feeds due now, as many as there are free slots. */
  async tick(): Promise<void> {
    try {
      const due = await this.feeds.due(this.clock(), this.concurrency - this.inFlight.size, [
        ...this.inFlight.keys(),
      ]);
      for (const feedUrl of due) {
        if (this.stopped) return;
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
  }
}
