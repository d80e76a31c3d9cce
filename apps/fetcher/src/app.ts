import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { httpRequestMetrics, METRICS_REGISTRY, type Logger } from '@news/observability';
import { setupOpenApi } from '@news/openapi';
import type { FetcherConfig } from './config.js';
import { FetcherModule } from './fetcher.module.js';
import { REGISTRY_SCHEMAS } from './registry/openapi-schemas.js';

/**
 * The fetcher application with its request metrics and OpenAPI page; main.ts and the integration
 * tests both build it here.
 */
export async function createFetcherApp(
  config: FetcherConfig,
  logger: Logger,
  options: NestApplicationOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(FetcherModule.forRoot(config, logger), options);
  app.use(httpRequestMetrics(app.get(METRICS_REGISTRY), 'fetcher'));
  setupOpenApi(app, {
    title: 'news-ingestion fetcher',
    description:
      'The feed registry (list, add, pause, resume, delete, OPML, discovery), health and metrics. ' +
      'Bad input is a 400 naming what is wrong.',
    schemas: REGISTRY_SCHEMAS,
  });
  return app;
}
