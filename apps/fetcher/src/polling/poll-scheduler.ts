import type { Logger } from '@news/observability';
import { forEachLimited, type FeedPoller } from './feed-poller.service.js';

/**
 * Polls every feed at start-up and then every interval. A feed whose
 * previous poll is still running is skipped rather than polled twice.
 */
export class PollScheduler {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private readonly busy = new Set<string>();
  private stopped = false;

  constructor(
    private readonly poller: FeedPoller,
    private readonly feeds: readonly string[],
    private readonly intervalMs: number,
    private readonly concurrency: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.logger.info({ feeds: this.feeds.length, intervalSeconds: this.intervalMs / 1000 }, 'polling feeds');
    this.tick();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
  }

  /** Stops scheduling and waits for the polls under way, so nothing is cut off half-published. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    const due = this.feeds.filter((f) => !this.busy.has(f));
    const cycle = forEachLimited(due, this.concurrency, async (feedUrl) => {
      if (this.stopped) return;
      this.busy.add(feedUrl);
      try {
        const result = await this.poller.poll(feedUrl);
        if (result.outcome === 'ok') {
          this.logger.info(
            { feedUrl, newItems: result.newItems, published: result.published, failed: result.failed },
            'feed polled',
          );
        }
      } finally {
        this.busy.delete(feedUrl);
      }
    });
    this.running = Promise.all([this.running, cycle]).then(() => undefined);
  }
}
