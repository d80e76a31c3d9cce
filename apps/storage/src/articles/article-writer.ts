import { TOPICS, type ArticleEvent } from '@news/contracts';
import { decodeEvent } from '@news/messaging';
import type { Logger, ProgressCounters } from '@news/observability';
import type { KafkaMessage } from 'kafkajs';
import type { ArticleRepository } from './article.repository.js';

export const STORAGE_COUNTERS = [
  'articles-stored',
  'articles-updated',
  'articles-unchanged',
  'dead-lettered',
] as const;
export type StorageCounter = (typeof STORAGE_COUNTERS)[number];

export type DeadLetterFn = (message: KafkaMessage, partition: number, reason: string) => Promise<void>;

/**
 * SQLSTATE classes that mean "this row is wrong" (data exception, integrity
 * violation) rather than "the database is unwell": only these send an
 * article to the dead-letter topic; anything else is retried.
 */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/** Writes one consumed batch: invalid events and rejected rows go to the DLQ, the rest in one transaction. */
export class ArticleWriter {
  constructor(
    private readonly repository: ArticleRepository,
    private readonly deadLetter: DeadLetterFn,
    private readonly counters: ProgressCounters<StorageCounter>,
    private readonly logger: Logger,
  ) {}

  async writeBatch(messages: KafkaMessage[], partition: number): Promise<void> {
    const valid: { message: KafkaMessage; article: ArticleEvent }[] = [];
    for (const message of messages) {
      try {
        valid.push({ message, article: decodeEvent(TOPICS.articles, message) });
      } catch (error) {
        await this.reject(message, partition, (error as Error).message);
      }
    }
    try {
      this.count(await this.repository.upsertBatch(valid.map((v) => v.article)));
    } catch (error) {
      if (!isDataError(error)) throw error; // the consumer retries the whole batch with backoff
      // One bad row fails the transaction: find it by writing the rows one by one.
      for (const { message, article } of valid) {
        try {
          this.count(await this.repository.upsertBatch([article]));
        } catch (rowError) {
          if (!isDataError(rowError)) throw rowError;
          await this.reject(
            message,
            partition,
            `database rejected article ${article.id}: ${(rowError as Error).message}`,
          );
        }
      }
    }
  }

  private count(result: { inserted: number; updated: number; unchanged: number }): void {
    this.counters.inc('articles-stored', result.inserted);
    this.counters.inc('articles-updated', result.updated);
    this.counters.inc('articles-unchanged', result.unchanged);
  }

  private async reject(message: KafkaMessage, partition: number, reason: string): Promise<void> {
    await this.deadLetter(message, partition, reason);
    this.counters.inc('dead-lettered');
    this.logger.warn(
      { partition, offset: message.offset, key: message.key?.toString(), reason },
      'article sent to dead-letter topic',
    );
  }
}
