import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { TOPICS } from '@news/contracts';
import {
  connectProducer,
  consumeBatches,
  createKafka,
  ensureTopics,
  sendToDeadLetter,
} from '@news/messaging';
import { METRICS_REGISTRY, ProgressCounters, trackConsumerLag, type Logger } from '@news/observability';
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { ArticleRepository } from './articles/article.repository.js';
import { ArticleWriter, STORAGE_COUNTERS, type StorageCounter } from './articles/article-writer.js';
import { ArticlesController } from './articles/articles.controller.js';
import type { StorageConfig } from './config.js';
import { DashboardAssets, defaultDashboardDir } from './dashboard/dashboard-assets.js';
import { DashboardController } from './dashboard/dashboard.controller.js';
import { READS, readDataSourceOptions, storageDataSourceOptions } from './database/data-source-options.js';
import { databaseFromUrl, DEFAULT_POSTGRES_URL } from './database/database-choice.js';
import { FeedStatusRepository } from './feeds/feed-status.repository.js';
import { FeedStatusWriter } from './feeds/feed-status-writer.js';
import { FeedsHealthController } from './feeds/feeds-health.controller.js';
import { DATABASE_KIND, HealthController, KAFKA_ADMIN } from './health/health.controller.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { StorageMetrics } from './metrics/storage-metrics.js';
import { RevisionRepository } from './revisions/revision.repository.js';
import { RevisionsController } from './revisions/revisions.controller.js';
import { SourceRepository } from './sources/source.repository.js';
import { SourcesController } from './sources/sources.controller.js';
import { StatsController } from './stats/stats.controller.js';
import { StatsRepository } from './stats/stats.repository.js';
import { StatsService } from './stats/stats.service.js';
import { ArticleStream } from './stream/article-stream.js';
import { ArticleStreamController, STREAM_LOGGER } from './stream/article-stream.controller.js';
import { TopicRepository } from './topics/topic.repository.js';
import { TopicsController } from './topics/topics.controller.js';
import { ArticleTopicsRepository } from './stream/article-topics.repository.js';
import { sqliteRepositoryProviders } from './sqlite/sqlite-providers.js';

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
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Into the registry /metrics serves: Registry.merge copied the others' metrics when it was built.
    trackConsumerLag([this.consumer, this.feedStatusConsumer], this.registry, 'storage');
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

export interface StorageModuleOptions {
  /** Where the built dashboard is; by default dist/dashboard/ of this repository (see dashboard-assets.ts). */
  dashboardDir?: string | null;
}

const READS_TOKEN = getDataSourceToken(READS);

/** The repositories on PostgreSQL: the API's reads go through the reads pool, writes through the writer's. */
function postgresRepositoryProviders() {
  const reading = <T>(Repository: new (reads: DataSource) => T) => ({
    provide: Repository,
    useFactory: (reads: DataSource) => new Repository(reads),
    inject: [READS_TOKEN],
  });
  const writingAndReading = <T>(Repository: new (writes: DataSource, reads: DataSource) => T) => ({
    provide: Repository,
    useFactory: (writes: DataSource, reads: DataSource) => new Repository(writes, reads),
    inject: [DataSource, READS_TOKEN],
  });
  return [
    writingAndReading(ArticleRepository),
    writingAndReading(FeedStatusRepository),
    writingAndReading(StatsRepository),
    reading(RevisionRepository),
    reading(SourceRepository),
    reading(TopicRepository),
    reading(ArticleTopicsRepository),
  ];
}

@Module({})
export class StorageModule {
  static forRoot(config: StorageConfig, logger: Logger, options: StorageModuleOptions = {}): DynamicModule {
    const consumerIn = (groupId: string) => async (kafka: Kafka) => {
      const consumer = kafka.consumer({ groupId, maxBytesPerPartition: 4 * 1024 * 1024 });
      await consumer.connect();
      return consumer;
    };
    // main.ts resolves an unset DATABASE_URL (probe, else SQLite); tests pass one explicitly.
    const database = databaseFromUrl(config.DATABASE_URL ?? DEFAULT_POSTGRES_URL);
    return {
      module: StorageModule,
      // On SQLite there is no TypeORM connection at all: nothing may try PostgreSQL. On PostgreSQL,
      // two pools: the consumers' writes, and the API's reads under a statement timeout.
      imports:
        database.kind === 'postgresql'
          ? [
              TypeOrmModule.forRoot(storageDataSourceOptions(database.url)),
              TypeOrmModule.forRoot({
                ...readDataSourceOptions(database.url, config.STORAGE_READ_TIMEOUT_MS),
                name: READS,
              }),
            ]
          : [],
      controllers: [
        // Before ArticlesController: /articles/stream must not reach /articles/:id.
        ArticleStreamController,
        ArticlesController,
        RevisionsController,
        SourcesController,
        FeedsHealthController,
        HealthController,
        MetricsController,
        StatsController,
        DashboardController,
        TopicsController,
      ],
      providers: [
        { provide: LOGGER, useValue: logger },
        { provide: STREAM_LOGGER, useValue: logger },
        // Their repositories come with the chosen database's below (the SQLite store has both too).
        {
          provide: ArticleStream,
          useFactory: (topics: ArticleTopicsRepository) => new ArticleStream(topics, logger),
          inject: [ArticleTopicsRepository],
        },
        {
          provide: StatsService,
          useFactory: (admin: Admin, stats: StatsRepository) => new StatsService(stats, admin, logger),
          inject: [KAFKA_ADMIN, StatsRepository],
        },
        {
          provide: DashboardAssets,
          useFactory: () =>
            new DashboardAssets(
              options.dashboardDir === undefined ? defaultDashboardDir() : options.dashboardDir,
            ),
        },
        { provide: DATABASE_KIND, useValue: database.kind },
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
        // The repositories on the chosen database; same tokens, same public methods on both.
        ...(database.kind === 'sqlite'
          ? sqliteRepositoryProviders(database.path)
          : postgresRepositoryProviders()),
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
            stream: ArticleStream,
          ) =>
            new ArticleWriter(
              repository,
              (message, partition, reason) =>
                sendToDeadLetter(producer, { topic: TOPICS.articles, partition, message, reason }),
              counters,
              logger,
              metrics,
              (articles) => stream.publish(articles),
            ),
          inject: [ArticleRepository, PRODUCER, ProgressCounters, StorageMetrics, ArticleStream],
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
