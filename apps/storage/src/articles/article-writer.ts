import { TOPICS, type ArticleEvent } from '@news/contracts';
import { decodeEvent } from '@news/messaging';
import type { Logger, ProgressCounters } from '@news/observability';
import type { KafkaMessage } from 'kafkajs';
import { isDataError } from '../database/errors.js';
import type { StorageMetrics } from '../metrics/storage-metrics.js';
import type { ArticleRepository, UpsertCounts } from './article.repository.js';
import { latestPerId } from './latest-per-id.js';

export const STORAGE_COUNTERS = [
  'articles-stored',
  'articles-updated',
  'articles-unchanged',
  'dead-lettered',
] as const;
export type StorageCounter = (typeof STORAGE_COUNTERS)[number];

export type DeadLetterFn = (message: KafkaMessage, partition: number, reason: string) => Promise<void>;

/** Told of the articles a committed write inserted or changed (the live stream); must not throw. */
export type StoredFn = (articles: ArticleEvent[]) => void;

/**
 * Writes one consumed batch: invalid events and rejected rows go to the DLQ, the rest in one
 * transaction; once it is committed, the articles it inserted or changed go to `onStored`.
 */
export class ArticleWriter {
  constructor(
    private readonly repository: ArticleRepository,
    private readonly deadLetter: DeadLetterFn,
    private readonly counters: ProgressCounters<StorageCounter>,
    private readonly logger: Logger,
    private readonly metrics: StorageMetrics,
    private readonly onStored: StoredFn = () => {},
  ) {}

  async writeBatch(messages: KafkaMessage[], partition: number): Promise<void> {
    this.metrics.batch('articles', messages.length);
    const valid: { message: KafkaMessage; article: ArticleEvent }[] = [];
    for (const message of messages) {
      try {
        valid.push({ message, article: decodeEvent(TOPICS.articles, message) });
      } catch (error) {
        await this.reject(message, partition, (error as Error).message, 'invalid');
      }
    }
    try {
      this.count(await this.upsert(valid.map((v) => v.article)));
      this.metrics.succeeded('articles', valid.length);
    } catch (error) {
      if (!isDataError(error)) throw error; // the consumer retries the whole batch with backoff
      // One bad row fails the transaction: find it by writing the rows one by one.
      for (const { message, article } of valid) {
        try {
          this.count(await this.upsert([article]));
          this.metrics.succeeded('articles', 1);
        } catch (rowError) {
          if (!isDataError(rowError)) throw rowError;
          await this.reject(
            message,
            partition,
            `database rejected article ${article.id}: ${(rowError as Error).message}`,
            'rejected',
          );
        }
      }
    }
  }

  private async upsert(articles: ArticleEvent[]): Promise<UpsertCounts> {
    const result = await this.metrics.timeWrite('articles', () => this.repository.upsertBatch(articles));
    // The version the repository stored for each id: the latest parse, as it chose (latestPerId).
    const stored = new Map(latestPerId(articles).map((a) => [a.id, a]));
    const written = result.written.flatMap((id) => stored.get(id) ?? []);
    this.metrics.stored(written.map((a) => a.fetchedAt));
    this.onStored(written);
    return result;
  }

  private count(result: UpsertCounts): void {
    this.counters.inc('articles-stored', result.inserted);
    this.counters.inc('articles-updated', result.updated);
    this.counters.inc('articles-unchanged', result.unchanged);
  }

  private async reject(
    message: KafkaMessage,
    partition: number,
    reason: string,
    kind: 'invalid' | 'rejected',
  ): Promise<void> {
    await this.deadLetter(message, partition, reason);
    this.counters.inc('dead-lettered');
    this.metrics.failure('articles', kind);
    this.logger.warn(
      { partition, offset: message.offset, key: message.key?.toString(), reason },
      'article sent to dead-letter topic',
    );
  }
}
