import { TOPICS, type ArticleEvent } from '@news/contracts';
import { encodeEvent } from '@news/messaging';
import { ProgressCounters, type Logger } from '@news/observability';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ArticleRepository } from '../../apps/storage/src/articles/article.repository.js';
import {
  ArticleWriter,
  STORAGE_COUNTERS,
  type StorageCounter,
} from '../../apps/storage/src/articles/article-writer.js';
import { storageDataSourceOptions } from '../../apps/storage/src/database/data-source-options.js';
import { StorageMetrics } from '../../apps/storage/src/metrics/storage-metrics.js';

/**
 * A consumed message as kafkajs hands it to storage's eachBatch: the parser's encoding (validated
 * JSON value, CloudEvents headers, the article id as key), with headers and value as Buffers.
 */
export function consumedMessage(article: ArticleEvent, offset: number): KafkaMessage {
  const message = encodeEvent(TOPICS.articles, article.id, article, 'parser');
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(message.headers ?? {}))
    if (typeof value === 'string') headers[name] = Buffer.from(value);
  return {
    key: Buffer.from(article.id),
    value: Buffer.from(message.value as string),
    timestamp: String(Date.now()),
    attributes: 0,
    offset: String(offset),
    headers,
  };
}

/** What storage's consumer runs per batch, wired as storage.module.ts wires it, minus the broker. */
export class ConsumerPathWriter {
  readonly deadLetters: string[] = [];
  readonly metrics = new StorageMetrics();
  readonly counters = new ProgressCounters<StorageCounter>('storage', STORAGE_COUNTERS);
  private readonly writer: ArticleWriter;

  private constructor(
    readonly dataSource: DataSource,
    logger: Logger,
  ) {
    this.writer = new ArticleWriter(
      new ArticleRepository(dataSource),
      async (_message, _partition, reason) => {
        this.deadLetters.push(reason);
      },
      this.counters,
      logger,
      this.metrics,
    );
  }

  /** Connects to a fresh database and runs storage's migrations (STORAGE_MIGRATIONS), as the service does on start. */
  static async open(url: string, logger: Logger): Promise<ConsumerPathWriter> {
    const dataSource = new DataSource({ ...storageDataSourceOptions(url), logging: false });
    await dataSource.initialize();
    return new ConsumerPathWriter(dataSource, logger);
  }

  /** One consumed batch through ArticleWriter.writeBatch; resolves with the milliseconds it took. */
  async write(messages: KafkaMessage[]): Promise<number> {
    const started = performance.now();
    await this.writer.writeBatch(messages, 0);
    return performance.now() - started;
  }

  /** Seconds spent inside the repository's transactions (storage's own histogram), and their count. */
  async databaseWriteSeconds(): Promise<{ seconds: number; transactions: number }> {
    const metric = this.metrics.registry.getSingleMetric('news_storage_db_write_duration_seconds');
    const values = metric ? (await metric.get()).values : [];
    const total = (suffix: string) =>
      values
        .filter((v) => (v as { metricName?: string }).metricName?.endsWith(suffix))
        .reduce((sum, v) => sum + v.value, 0);
    return { seconds: total('_sum'), transactions: total('_count') };
  }

  async close(): Promise<void> {
    await this.dataSource.destroy();
  }
}
