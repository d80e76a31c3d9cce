import { TOPICS, type FeedStatusEvent } from '@news/contracts';
import { decodeEvent } from '@news/messaging';
import type { Logger } from '@news/observability';
import type { KafkaMessage } from 'kafkajs';
import { isDataError } from '../database/errors.js';
import type { StorageMetrics } from '../metrics/storage-metrics.js';
import type { FeedStatusRepository } from './feed-status.repository.js';

/**
 * Writes one consumed batch of feed-status events. Feed status is telemetry that the next poll
 * supersedes, and the pipeline has no dead-letter topic for it: an event that breaks the
 * contract or that the database refuses is logged, counted and skipped, never retried forever.
 */
export class FeedStatusWriter {
  constructor(
    private readonly repository: FeedStatusRepository,
    private readonly metrics: StorageMetrics,
    private readonly logger: Logger,
  ) {}

  async writeBatch(messages: KafkaMessage[], partition: number): Promise<void> {
    this.metrics.batch('feed-status', messages.length);
    const valid: { message: KafkaMessage; event: FeedStatusEvent }[] = [];
    for (const message of messages) {
      try {
        valid.push({ message, event: decodeEvent(TOPICS.feedStatus, message) });
      } catch (error) {
        this.skip(partition, message, (error as Error).message, 'invalid');
      }
    }
    try {
      await this.apply(valid.map((v) => v.event));
    } catch (error) {
      if (!isDataError(error)) throw error; // the consumer retries the whole batch with backoff
      // One bad event fails the transaction: apply them one by one to find it.
      for (const { message, event } of valid) {
        try {
          await this.apply([event]);
        } catch (eventError) {
          if (!isDataError(eventError)) throw eventError;
          const reason = `database rejected feed status of ${event.feedId}: ${(eventError as Error).message}`;
          this.skip(partition, message, reason, 'rejected');
        }
      }
    }
  }

  private async apply(events: FeedStatusEvent[]): Promise<void> {
    const { skipped } = await this.metrics.timeWrite('feed_status', () => this.repository.applyPolls(events));
    this.metrics.succeeded('feed-status', events.length);
    if (skipped > 0) this.logger.debug({ skipped }, 'feed status events already applied');
  }

  private skip(partition: number, message: KafkaMessage, reason: string, kind: 'invalid' | 'rejected'): void {
    this.metrics.failure('feed-status', kind);
    this.logger.warn(
      { partition, offset: message.offset, key: message.key?.toString(), reason },
      'feed status event skipped',
    );
  }
}
