import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TOPICS } from '@news/contracts';
import { loadDefaultProfiles } from '@news/extraction';
import {
  connectProducer,
  consumeBatches,
  consumeBatchesTransactionally,
  connectTransactionalProducer,
  createKafka,
  ensurePipelineTopics,
  setTopicConfig,
  daysInMs,
} from '@news/messaging';
import {
  METRICS_REGISTRY,
  MetricsController,
  ProgressCounters,
  trackConsumerLag,
  type Logger,
} from '@news/observability';
import { Registry } from 'prom-client';
import { KAFKA_ADMIN, ParserHealthController } from './health.controller.js';
import { ParserMetrics } from './parser-metrics.js';
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { ArticleParser, PARSER_COUNTERS, type ParserCounter } from './article-parser.service.js';
import type { ParserConfig } from './config.js';

const KAFKA = Symbol('KAFKA');
const PRODUCER = Symbol('PRODUCER');
const CONSUMER = Symbol('CONSUMER');
const LOGGER = Symbol('LOGGER');
const CONFIG = Symbol('CONFIG');

@Injectable()
class ParserLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(CONSUMER) private readonly consumer: Consumer,
    @Inject(PRODUCER) private readonly producer: Producer,
    @Inject(ArticleParser) private readonly parser: ArticleParser,
    @Inject(ProgressCounters) private readonly counters: ProgressCounters<ParserCounter>,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CONFIG) private readonly config: ParserConfig,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    trackConsumerLag(this.consumer, this.registry, 'parser');
    await this.consumer.subscribe({ topic: TOPICS.rawArticles, fromBeginning: true });
    if (this.config.PARSER_DELIVERY === 'exactly-once') {
      await consumeBatchesTransactionally(
        this.consumer,
        this.producer,
        this.config.PARSER_GROUP_ID,
        (m, p, sender) => this.parser.handleBatch(m, p, sender),
      );
    } else {
      await consumeBatches(this.consumer, (m, p) => this.parser.handleBatch(m, p, this.producer));
    }
    this.counters.startReporting(this.logger, 15_000);
    this.logger.info({ topic: TOPICS.rawArticles }, 'parser consuming');
  }

  async onApplicationShutdown(): Promise<void> {
    this.counters.stopReporting();
    await this.consumer.disconnect();
    await this.producer.disconnect();
    await this.admin.disconnect();
  }
}

@Module({})
export class ParserModule {
  static forRoot(config: ParserConfig, logger: Logger): DynamicModule {
    return {
      module: ParserModule,
      controllers: [MetricsController, ParserHealthController],
      providers: [
        { provide: LOGGER, useValue: logger },
        { provide: CONFIG, useValue: config },
        {
          provide: KAFKA,
          useFactory: () => createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'parser' }, logger),
        },
        {
          provide: ProgressCounters,
          useFactory: () => new ProgressCounters<ParserCounter>('parser', PARSER_COUNTERS),
        },
        {
          provide: PRODUCER,
          useFactory: async (kafka: Kafka) => {
            await ensurePipelineTopics(kafka);
            // The parser owns what it reads and what it writes: raw pages stay replayable for
            // the configured days, and articles are compacted when downstream wants a full copy.
            await setTopicConfig(kafka, TOPICS.rawArticles, {
              'retention.ms': daysInMs(config.RAW_ARTICLES_RETENTION_DAYS),
            });
            await setTopicConfig(kafka, TOPICS.articles, {
              'cleanup.policy': config.ARTICLES_TOPIC_COMPACTED ? 'compact' : 'delete',
            });
            return config.PARSER_DELIVERY === 'exactly-once'
              ? connectTransactionalProducer(kafka, config.PARSER_TRANSACTIONAL_ID)
              : connectProducer(kafka);
          },
          inject: [KAFKA],
        },
        {
          provide: CONSUMER,
          useFactory: async (kafka: Kafka) => {
            // Small fetches bound memory (gzip hides ten times its size in page text);
            // Kafka still returns a message larger than the limit, so no page gets stuck.
            const consumer = kafka.consumer({
              groupId: config.PARSER_GROUP_ID,
              maxBytesPerPartition: 1024 * 1024,
              maxBytes: 4 * 1024 * 1024,
            });
            await consumer.connect();
            return consumer;
          },
          inject: [KAFKA, PRODUCER], // after PRODUCER, which creates the topics
        },
        {
          provide: KAFKA_ADMIN,
          useFactory: async (kafka: Kafka) => {
            const admin = kafka.admin();
            await admin.connect();
            return admin;
          },
          inject: [KAFKA],
        },
        { provide: ParserMetrics, useFactory: () => new ParserMetrics() },
        {
          provide: METRICS_REGISTRY,
          useFactory: (metrics: ParserMetrics, counters: ProgressCounters<ParserCounter>) =>
            Registry.merge([metrics.registry, counters.registry]),
          inject: [ParserMetrics, ProgressCounters],
        },
        {
          provide: ArticleParser,
          useFactory: (counters: ProgressCounters<ParserCounter>, metrics: ParserMetrics) =>
            new ArticleParser(
              loadDefaultProfiles(),
              counters,
              logger,
              metrics,
              config.PARSER_PAGE_TIMEOUT_MS,
            ),
          inject: [ProgressCounters, ParserMetrics],
        },
        ParserLifecycle,
      ],
    };
  }
}
