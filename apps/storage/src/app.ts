import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from '@news/observability';
import type { StorageConfig } from './config.js';
import { DOCS_PATH, setupOpenApi } from './http/openapi.js';
import { securityHeaders } from './http/security-headers.js';
import { StorageModule, type StorageModuleOptions } from './storage.module.js';

/**
 * The storage application with its HTTP layer: security headers on every response, then the
 * OpenAPI page. main.ts and the integration tests both build it here, so what the tests check
 * is what runs.
 */
export async function createStorageApp(
  config: StorageConfig,
  logger: Logger,
  options: NestApplicationOptions = {},
  moduleOptions: StorageModuleOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(StorageModule.forRoot(config, logger, moduleOptions), options);
  app.use(securityHeaders(DOCS_PATH)); // first, so that every response has the headers, 404s included
  setupOpenApi(app);
  return app;
}
