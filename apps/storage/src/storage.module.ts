import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TOPICS } from '@news/contracts';
import {
  connectProducer,
  consumeBatches,
  createKafka,
  ensureTopics,
  sendToDeadLetter,
} from '@news/messaging';
import { ProgressCounters, type Logger } from '@news/observability';
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { ArticleRepository } from './articles/article.repository.js';
import { ArticleWriter, STORAGE_COUNTERS, type StorageCounter } from './articles/article-writer.js';
import { ArticlesController } from './articles/articles.controller.js';
import type { StorageConfig } from './config.js';
import { storageDataSourceOptions } from './database/data-source-options.js';
import { FeedStatusRepository } from './feeds/feed-status.repository.js';
import { FeedStatusWriter } from './feeds/feed-status-writer.js';
import { FeedsHealthController } from './feeds/feeds-health.controller.js';
import { HealthController, KAFKA_ADMIN } from './health/health.controller.js';
import { METRICS_REGISTRY, MetricsController } from './metrics/metrics.controller.js';
import { StorageMetrics } from './metrics/storage-metrics.js';
import { RevisionRepository } from './revisions/revision.repository.js';
import { RevisionsController } from './revisions/revisions.controller.js';
import { SourceRepository } from './sources/source.repository.js';
import { SourcesController } from './sources/sources.controller.js';

const KAFKA = Symbol('KAFKA');
const PRODUCER = Symbol('PRODUCER');
const CONSUMER = Symbol('CONSUMER');
const FEED_STATUS_CONSUMER = Symbol('FEED_STATUS_CONSUMER');
const LOGGER = Symbol('LOGGER');

/**
 * Feed status is read by a consumer group of its own, named after the articles' group: its
 * offsets and lag are watched apart from the articles', a slow article batch never holds back
 * feed health, and no new setting is needed.
 */
export function feedStatusGroupId(config: Pick<StorageConfig, 'STORAGE_GROUP_ID'>): string {
  return `${config.STORAGE_GROUP_ID}.feed-status`;
}

@Injectable()
class StorageLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(CONSUMER) private readonly consumer: Consumer,
    @Inject(FEED_STATUS_CONSUMER) private readonly feedStatusConsumer: Consumer,
    @Inject(PRODUCER) private readonly producer: Producer,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(ArticleWriter) private readonly writer: ArticleWriter,
    @Inject(FeedStatusWriter) private readonly feedStatusWriter: FeedStatusWriter,
    @Inject(ProgressCounters) private readonly counters: ProgressCounters<StorageCounter>,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.subscribe({ topic: TOPICS.articles, fromBeginning: true });
    await consumeBatches(this.consumer, (messages, partition) => this.writer.writeBatch(messages, partition));
    await this.feedStatusConsumer.subscribe({ topic: TOPICS.feedStatus, fromBeginning: true });
    await consumeBatches(this.feedStatusConsumer, (messages, partition) =>
      this.feedStatusWriter.writeBatch(messages, partition),
    );
    this.counters.startReporting(this.logger, 15_000);
    this.logger.info({ topics: [TOPICS.articles, TOPICS.feedStatus] }, 'storage consuming');
  }

  async onApplicationShutdown(): Promise<void> {
    this.counters.stopReporting();
    await this.consumer.disconnect();
    await this.feedStatusConsumer.disconnect();
    await this.producer.disconnect();
    await this.admin.disconnect();
  }
}

@Module({})
export class StorageModule {
  static forRoot(config: StorageConfig, logger: Logger): DynamicModule {
    const consumerIn = (groupId: string) => async (kafka: Kafka) => {
      const consumer = kafka.consumer({ groupId, maxBytesPerPartition: 4 * 1024 * 1024 });
      await consumer.connect();
      return consumer;
    };
    return {
      module: StorageModule,
      imports: [TypeOrmModule.forRoot(storageDataSourceOptions(config.DATABASE_URL))],
      controllers: [
        ArticlesController,
        RevisionsController,
        SourcesController,
        FeedsHealthController,
        HealthController,
        MetricsController,
      ],
      providers: [
        { provide: LOGGER, useValue: logger },
        {
          provide: KAFKA,
          useFactory: () => createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'storage' }, logger),
        },
        {
          provide: KAFKA_ADMIN,
          useFactory: async (kafka: Kafka) => {
            const admin = kafka.admin();
            await admin.connect();
            await ensureTopics(admin);
            return admin;
          },
          inject: [KAFKA],
        },
        {
          provide: PRODUCER,
          useFactory: async (kafka: Kafka) => {
            return connectProducer(kafka);
          },
          inject: [KAFKA, KAFKA_ADMIN],
        },
        { provide: CONSUMER, useFactory: consumerIn(config.STORAGE_GROUP_ID), inject: [KAFKA, KAFKA_ADMIN] },
        {
          provide: FEED_STATUS_CONSUMER,
          useFactory: consumerIn(feedStatusGroupId(config)),
          inject: [KAFKA, KAFKA_ADMIN],
        },
        {
          provide: ArticleRepository,
          useFactory: (ds: DataSource) => new ArticleRepository(ds),
          inject: [DataSource],
        },
        {
          provide: RevisionRepository,
          useFactory: (ds: DataSource) => new RevisionRepository(ds),
          inject: [DataSource],
        },
        {
          provide: SourceRepository,
          useFactory: (ds: DataSource) => new SourceRepository(ds),
          inject: [DataSource],
        },
        {
          provide: FeedStatusRepository,
          useFactory: (ds: DataSource) => new FeedStatusRepository(ds),
          inject: [DataSource],
        },
        {
          provide: ProgressCounters,
          useFactory: () => new ProgressCounters<StorageCounter>('storage', STORAGE_COUNTERS),
        },
        { provide: StorageMetrics, useFactory: () => new StorageMetrics() },
        {
          // One /metrics for both: the progress counters people see in the log, and the rest.
          provide: METRICS_REGISTRY,
          useFactory: (metrics: StorageMetrics, counters: ProgressCounters<StorageCounter>) =>
            Registry.merge([metrics.registry, counters.registry]),
          inject: [StorageMetrics, ProgressCounters],
        },
        {
          provide: ArticleWriter,
          useFactory: (
            repository: ArticleRepository,
            producer: Producer,
            counters: ProgressCounters<StorageCounter>,
            metrics: StorageMetrics,
          ) =>
            new ArticleWriter(
              repository,
              (message, partition, reason) =>
                sendToDeadLetter(producer, { topic: TOPICS.articles, partition, message, reason }),
              counters,
              logger,
              metrics,
            ),
          inject: [ArticleRepository, PRODUCER, ProgressCounters, StorageMetrics],
        },
        {
          provide: FeedStatusWriter,
          useFactory: (repository: FeedStatusRepository, metrics: StorageMetrics) =>
            new FeedStatusWriter(repository, metrics, logger),
          inject: [FeedStatusRepository, StorageMetrics],
        },
        StorageLifecycle,
      ],
    };
  }
}
