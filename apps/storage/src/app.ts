import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { httpRequestMetrics, METRICS_REGISTRY, type Logger } from '@news/observability';
import { DOCS_PATH, setupOpenApi } from '@news/openapi';
import type { StorageConfig } from './config.js';
import { DatabaseUnavailableFilter } from './http/database-unavailable.filter.js';
import { API_SCHEMAS } from './http/openapi-schemas.js';
import { securityHeaders } from './http/security-headers.js';
import { StorageModule, type StorageModuleOptions } from './storage.module.js';

/**
 * The storage application with its HTTP layer: security headers on every response, a 503 when
 * the database cannot be reached or a read runs too long, then the OpenAPI page. main.ts and the
 * integration tests both build it here, so what the tests check is what runs.
 */
export async function createStorageApp(
  config: StorageConfig,
  logger: Logger,
  options: NestApplicationOptions = {},
  moduleOptions: StorageModuleOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(StorageModule.forRoot(config, logger, moduleOptions), options);
  app.use(securityHeaders(DOCS_PATH)); // first, so that every response has the headers, 404s included
  app.use(httpRequestMetrics(app.get(METRICS_REGISTRY), 'storage'));
  app.useGlobalFilters(
    new DatabaseUnavailableFilter(
      app.get(HttpAdapterHost).httpAdapter,
      logger,
      config.STORAGE_READ_TIMEOUT_MS,
    ),
  );
  setupOpenApi(app, {
    title: 'news-ingestion storage',
    description:
      'The searchable archive of parsed articles, its sources, feed health and metrics. ' +
      'Every query parameter is validated: a bad value is a 400 naming it.',
    schemas: API_SCHEMAS,
  });
  return app;
}
