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
import { ProgressCounters, type Logger, METRICS_REGISTRY, MetricsController } from '@news/observability';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { FETCHER_CONFIG, LIMITS, type FetcherConfig } from './config.js';
import { resolveConfiguredFeeds } from './feeds/feed-list.js';
import { HealthController, KAFKA_ADMIN } from './http/health.controller.js';
import { PoliteFetcher } from './politeness/polite-fetcher.js';
import { IGNORE_ROBOTS, RobotsPolicy, type RobotsChecker } from './politeness/robots-policy.js';
import { FETCHER_COUNTERS, FeedPoller, type FetcherCounter } from './polling/feed-poller.service.js';
import { FetcherMetrics } from './polling/fetcher-metrics.js';
import { PollScheduler } from './polling/poll-scheduler.js';
import { scheduleSettings, type ScheduleSettings } from './schedule/intervals.js';
import { fetcherDataSourceOptions } from './state/data-source-options.js';
import { FeedDiscovery } from './registry/feed-discovery.js';
import { FeedRegistry } from './registry/feed-registry.service.js';
import { FeedsController } from './registry/feeds.controller.js';
import { FeedRepository, type ConfiguredFeed } from './state/feed.repository.js';
import { ItemStateRepository } from './state/item-state.repository.js';

export const LOGGER = Symbol('LOGGER');
const KAFKA = Symbol('KAFKA');
const PRODUCER = Symbol('PRODUCER');
const CONFIGURED_FEEDS = Symbol('CONFIGURED_FEEDS');
/** The one politeness budget that feed, page, robots.txt and discovery requests share. */
const POLITE_HTTP = Symbol('POLITE_HTTP');
const ROBOTS = Symbol('ROBOTS');
const SCHEDULE = Symbol('SCHEDULE');

/** Owns the outside world of the fetcher: HTTP, Kafka, PostgreSQL, and the poll schedule over them. */
@Injectable()
class FetcherLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PollScheduler) private readonly scheduler: PollScheduler,
    @Inject(FeedRepository) private readonly feeds: FeedRepository,
    @Inject(CONFIGURED_FEEDS) private readonly configured: ConfiguredFeed[],
    @Inject(SCHEDULE) private readonly schedule: ScheduleSettings,
    @Inject(PRODUCER) private readonly producer: Producer,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(HttpFetcher) private readonly http: HttpFetcher,
    @Inject(ProgressCounters) private readonly counters: ProgressCounters<FetcherCounter>,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { added, deactivated } = await this.feeds.sync(this.configured, this.schedule.defaultSeconds);
    this.logger.info(
      { feeds: this.configured.length, added: added.length, deactivated },
      'feed list synchronized',
    );
    this.counters.startReporting(this.logger, 15_000);
    this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
    this.counters.stopReporting();
    await this.producer.disconnect();
    await this.admin.disconnect();
    await this.http.close();
  }
}

@Module({})
export class FetcherModule {
  static forRoot(config: FetcherConfig, logger: Logger): DynamicModule {
    const feeds = resolveConfiguredFeeds(config.NEWS_FEEDS, config.FEEDS_FILE);
    const schedule = scheduleSettings(
      config.FETCH_INTERVAL_SECONDS,
      config.FETCH_MIN_INTERVAL_SECONDS,
      config.FETCH_MAX_INTERVAL_SECONDS,
    );
    return {
      module: FetcherModule,
      imports: [TypeOrmModule.forRoot(fetcherDataSourceOptions(config.DATABASE_URL))],
      controllers: [HealthController, MetricsController, FeedsController],
      providers: [
        { provide: FETCHER_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: CONFIGURED_FEEDS, useValue: feeds },
        { provide: SCHEDULE, useValue: schedule },
        {
          provide: ProgressCounters,
          useFactory: () => new ProgressCounters<FetcherCounter>('fetcher', FETCHER_COUNTERS),
        },
        // The poll metrics register into the progress counters' registry: one /metrics for both.
        {
          provide: METRICS_REGISTRY,
          useFactory: (counters: ProgressCounters<FetcherCounter>) => counters.registry,
          inject: [ProgressCounters],
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
          provide: POLITE_HTTP,
          useFactory: (http: HttpFetcher) =>
            new PoliteFetcher(http, {
              globalConcurrency: config.FETCH_CONCURRENCY,
              perHostConcurrency: config.FETCH_PER_HOST_CONCURRENCY,
              hostDelayMs: config.FETCH_HOST_DELAY_MS,
            }),
          inject: [HttpFetcher],
        },
        {
          provide: ROBOTS,
          useFactory: (http: PoliteFetcher): RobotsChecker =>
            config.FETCH_RESPECT_ROBOTS
              ? new RobotsPolicy(
                  http,
                  {
                    userAgent: config.FETCH_USER_AGENT,
                    limits: LIMITS.robots,
                    ttlSeconds: LIMITS.robots.ttlSeconds,
                    errorTtlSeconds: LIMITS.robots.errorTtlSeconds,
                  },
                  logger,
                )
              : IGNORE_ROBOTS,
          inject: [POLITE_HTTP],
        },
        {
          provide: FeedRegistry,
          useFactory: (http: PoliteFetcher, feedRepo: FeedRepository) =>
            new FeedRegistry({
              feeds: feedRepo,
              discovery: new FeedDiscovery(http, LIMITS.discovery),
              intervalSeconds: schedule.defaultSeconds,
              allowPrivateNetworks: config.FETCHER_ALLOW_PRIVATE_NETWORKS,
              logger,
            }),
          inject: [POLITE_HTTP, FeedRepository],
        },
        {
          provide: KAFKA,
          useFactory: () => createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'fetcher' }, logger),
        },
        {
          provide: PRODUCER,
          useFactory: async (kafka: Kafka) => {
            await ensurePipelineTopics(kafka);
            return connectProducer(kafka);
          },
          inject: [KAFKA],
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
        {
          provide: FetcherMetrics,
          useFactory: (counters: ProgressCounters<FetcherCounter>, feedRepo: FeedRepository) =>
            new FetcherMetrics(counters.registry, feedRepo),
          inject: [ProgressCounters, FeedRepository],
        },
        {
          provide: ItemStateRepository,
          useFactory: (ds: DataSource) => new ItemStateRepository(ds),
          inject: [DataSource],
        },
        {
          provide: FeedRepository,
          useFactory: (ds: DataSource) => new FeedRepository(ds),
          inject: [DataSource],
        },
        {
          provide: FeedPoller,
          useFactory: (
            http: PoliteFetcher,
            robots: RobotsChecker,
            feedRepo: FeedRepository,
            items: ItemStateRepository,
            producer: Producer,
            counters: ProgressCounters<FetcherCounter>,
            metrics: FetcherMetrics,
          ) =>
            new FeedPoller({
              http,
              robots,
              feeds: feedRepo,
              items,
              publisher: new EventPublisher(producer, 'fetcher'),
              counters,
              metrics,
              logger,
              schedule,
            }),
          inject: [
            POLITE_HTTP,
            ROBOTS,
            FeedRepository,
            ItemStateRepository,
            PRODUCER,
            ProgressCounters,
            FetcherMetrics,
          ],
        },
        {
          provide: PollScheduler,
          useFactory: (poller: FeedPoller, feedRepo: FeedRepository) =>
            new PollScheduler(poller, feedRepo, config.FETCH_CONCURRENCY, logger, {
              leaseSeconds: config.FETCH_LEASE_SECONDS,
              perHostLimit: config.FETCH_PER_HOST_CONCURRENCY,
            }),
          inject: [FeedPoller, FeedRepository],
        },
        FetcherLifecycle,
      ],
    };
  }
}
