import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from '@news/observability';
import type { FetcherConfig } from './config.js';
import { FetcherModule } from './fetcher.module.js';
import { setupOpenApi } from './http/openapi.js';

/** The fetcher application with its OpenAPI page; main.ts and the integration tests both build it here. */
export async function createFetcherApp(
  config: FetcherConfig,
  logger: Logger,
  options: NestApplicationOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(FetcherModule.forRoot(config, logger), options);
  setupOpenApi(app);
  return app;
}
