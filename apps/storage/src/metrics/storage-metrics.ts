import { Counter, Histogram, Registry } from 'prom-client';

/** What storage consumes: articles and feed status, as metric label values. */
export type ConsumedTopic = 'articles' | 'feed-status';
/** Why a message was not stored: it broke the contract, or the database refused its row. */
export type FailureReason = 'invalid' | 'rejected';
export type WrittenTable = 'articles' | 'feed_status';

const SECONDS = 1;
const MINUTE = 60 * SECONDS;
const HOUR = 60 * MINUTE;

/**
 * Storage's Prometheus metrics, in a registry of its own (never prom-client's global one, so
 * that several apps in one test process do not collide over metric names).
 */
export class StorageMetrics {
  readonly registry = new Registry();

  private readonly processed = new Counter({
    name: 'news_storage_messages_processed_total',
    help: 'Messages consumed and handled (stored, updated, or found unchanged)',
    labelNames: ['topic'],
    registers: [this.registry],
  });

  private readonly failed = new Counter({
    name: 'news_storage_messages_failed_total',
    help: 'Messages not stored: invalid (contract) or rejected (by the database)',
    labelNames: ['topic', 'reason'],
    registers: [this.registry],
  });

  private readonly batchSize = new Histogram({
    name: 'news_storage_batch_size',
    help: 'Messages per consumed batch',
    labelNames: ['topic'],
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500],
    registers: [this.registry],
  });

  private readonly writeSeconds = new Histogram({
    name: 'news_storage_db_write_duration_seconds',
    help: 'Duration of one database write transaction',
    labelNames: ['table', 'outcome'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly fetchToStoreSeconds = new Histogram({
    name: 'news_storage_fetch_to_store_seconds',
    help: "From an article's fetchedAt to its row being committed (inserted or updated articles only)",
    // Wide: a replay of old raw articles is measured too, and shows up in the last buckets.
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 6 * HOUR, 24 * HOUR],
    registers: [this.registry],
  });

  constructor() {
    // Known series start at 0, so dashboards and alerts see them before the first event.
    for (const topic of ['articles', 'feed-status'] as const) {
      this.processed.inc({ topic }, 0);
      for (const reason of ['invalid', 'rejected'] as const) this.failed.inc({ topic, reason }, 0);
    }
  }

  batch(topic: ConsumedTopic, size: number): void {
    this.batchSize.observe({ topic }, size);
  }

  succeeded(topic: ConsumedTopic, count: number): void {
    this.processed.inc({ topic }, count);
  }

  failure(topic: ConsumedTopic, reason: FailureReason, count = 1): void {
    this.failed.inc({ topic, reason }, count);
  }

  /** Runs one write and records how long it took, failed writes included. */
  async timeWrite<T>(table: WrittenTable, write: () => Promise<T>): Promise<T> {
    const end = this.writeSeconds.startTimer({ table });
    try {
      const result = await write();
      end({ outcome: 'ok' });
      return result;
    } catch (error) {
      end({ outcome: 'error' });
      throw error;
    }
  }

  /** One observation per article committed now, from the time its page was fetched. */
  stored(fetchedAt: readonly string[], now: Date = new Date()): void {
    for (const iso of fetchedAt) {
      const seconds = (now.getTime() - Date.parse(iso)) / 1000;
      if (Number.isFinite(seconds)) this.fetchToStoreSeconds.observe(Math.max(0, seconds));
    }
  }
}
