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
import { DataSource } from 'typeorm';
import { ArticleRepository } from './articles/article.repository.js';
import { ArticleWriter, STORAGE_COUNTERS, type StorageCounter } from './articles/article-writer.js';
import { ArticlesController } from './articles/articles.controller.js';
import type { StorageConfig } from './config.js';
import { storageDataSourceOptions } from './database/data-source-options.js';
import { HealthController, KAFKA_ADMIN } from './health/health.controller.js';

const KAFKA = Symbol('KAFKA');
const PRODUCER = Symbol('PRODUCER');
const CONSUMER = Symbol('CONSUMER');
const LOGGER = Symbol('LOGGER');

@Injectable()
class StorageLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(CONSUMER) private readonly consumer: Consumer,
    @Inject(PRODUCER) private readonly producer: Producer,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(ArticleWriter) private readonly writer: ArticleWriter,
    @Inject(ProgressCounters) private readonly counters: ProgressCounters<StorageCounter>,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.subscribe({ topic: TOPICS.articles, fromBeginning: true });
    await consumeBatches(this.consumer, (messages, partition) => this.writer.writeBatch(messages, partition));
    this.counters.startReporting(this.logger, 15_000);
    this.logger.info({ topic: TOPICS.articles }, 'storage consuming');
  }

  async onApplicationShutdown(): Promise<void> {
    this.counters.stopReporting();
    await this.consumer.disconnect();
    await this.producer.disconnect();
    await this.admin.disconnect();
  }
}

@Module({})
export class StorageModule {
  static forRoot(config: StorageConfig, logger: Logger): DynamicModule {
    return {
      module: StorageModule,
      imports: [TypeOrmModule.forRoot(storageDataSourceOptions(config.DATABASE_URL))],
      controllers: [ArticlesController, HealthController],
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
        {
          provide: CONSUMER,
          useFactory: async (kafka: Kafka) => {
            const consumer = kafka.consumer({
              groupId: config.STORAGE_GROUP_ID,
              maxBytesPerPartition: 4 * 1024 * 1024,
            });
            await consumer.connect();
            return consumer;
          },
          inject: [KAFKA, KAFKA_ADMIN],
        },
        {
          provide: ArticleRepository,
          useFactory: (ds: DataSource) => new ArticleRepository(ds),
          inject: [DataSource],
        },
        {
          provide: ProgressCounters,
          useFactory: () => new ProgressCounters<StorageCounter>('storage', STORAGE_COUNTERS),
        },
        {
          provide: ArticleWriter,
          useFactory: (
            repository: ArticleRepository,
            producer: Producer,
            counters: ProgressCounters<StorageCounter>,
          ) =>
            new ArticleWriter(
              repository,
              (message, partition, reason) =>
                sendToDeadLetter(producer, { topic: TOPICS.articles, partition, message, reason }),
              counters,
              logger,
            ),
          inject: [ArticleRepository, PRODUCER, ProgressCounters],
        },
        StorageLifecycle,
      ],
    };
  }
}
