import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, PinoNestLogger } from '@news/observability';
import { ensureDatabase, runService } from '@news/runtime';
import { loadFetcherConfig } from './config.js';
import { FetcherModule } from './fetcher.module.js';

const logger = createLogger('fetcher');

await runService(
  'fetcher',
  async () => {
    const config = loadFetcherConfig();
    await ensureDatabase(config.DATABASE_URL);
    // No HTTP server yet: the fetcher is a worker (its REST API comes with the feed registry).
    const app = await NestFactory.createApplicationContext(FetcherModule.forRoot(config, logger), {
      logger: new PinoNestLogger(logger),
    });
    app.enableShutdownHooks();
    logger.info('fetcher started');
  },
  logger,
);
