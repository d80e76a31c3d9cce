import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HttpFetcher } from '@news/http-fetch';
import { connectProducer, createKafka, ensurePipelineTopics, EventPublisher } from '@news/messaging';
import { ProgressCounters, type Logger } from '@news/observability';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { FETCHER_CONFIG, type FetcherConfig } from './config.js';
import { resolveFeedUrls } from './feeds/feed-list.js';
import { FETCHER_COUNTERS, FeedPoller, type FetcherCounter } from './polling/feed-poller.service.js';
import { PollScheduler } from './polling/poll-scheduler.js';
import { fetcherDataSourceOptions } from './state/data-source-options.js';
import { ItemStateRepository } from './state/item-state.repository.js';

export const LOGGER = Symbol('LOGGER');
const PRODUCER = Symbol('PRODUCER');

/** Owns the outside world of the fetcher: HTTP, Kafka, PostgreSQL, and the poll schedule over them. */
@Injectable()
class FetcherLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PollScheduler) private readonly scheduler: PollScheduler,
    @Inject(PRODUCER) private readonly producer: Producer,
    @Inject(HttpFetcher) private readonly http: HttpFetcher,
    @Inject(ProgressCounters) private readonly counters: ProgressCounters<FetcherCounter>,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.counters.startReporting(this.logger, 15_000);
    this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
    this.counters.stopReporting();
    await this.producer.disconnect();
    await this.http.close();
  }
}

@Module({})
export class FetcherModule {
  static forRoot(config: FetcherConfig, logger: Logger): DynamicModule {
    const feeds = resolveFeedUrls(config.NEWS_FEEDS, config.FEEDS_FILE);
    return {
      module: FetcherModule,
      imports: [TypeOrmModule.forRoot(fetcherDataSourceOptions(config.DATABASE_URL))],
      providers: [
        { provide: FETCHER_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        {
          provide: ProgressCounters,
          useFactory: () => new ProgressCounters<FetcherCounter>('fetcher', FETCHER_COUNTERS),
        },
        {
          provide: HttpFetcher,
          useFactory: () =>
            new HttpFetcher({
              userAgent: config.FETCH_USER_AGENT,
              allowPrivateNetworks: config.FETCHER_ALLOW_PRIVATE_NETWORKS,
            }),
        },
        {
          provide: PRODUCER,
          useFactory: async () => {
            const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'fetcher' }, logger);
            await ensurePipelineTopics(kafka);
            return connectProducer(kafka);
          },
        },
        {
          provide: ItemStateRepository,
          useFactory: (ds: DataSource) => new ItemStateRepository(ds),
          inject: [DataSource],
        },
        {
          provide: FeedPoller,
          useFactory: (
            http: HttpFetcher,
            state: ItemStateRepository,
            producer: Producer,
            counters: ProgressCounters<FetcherCounter>,
          ) => new FeedPoller(http, state, new EventPublisher(producer, 'fetcher'), counters, logger),
          inject: [HttpFetcher, ItemStateRepository, PRODUCER, ProgressCounters],
        },
        {
          provide: PollScheduler,
          useFactory: (poller: FeedPoller) =>
            new PollScheduler(
              poller,
              feeds,
              config.FETCH_INTERVAL_SECONDS * 1000,
              config.FETCH_CONCURRENCY,
              logger,
            ),
          inject: [FeedPoller],
        },
        FetcherLifecycle,
      ],
    };
  }
}
