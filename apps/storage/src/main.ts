import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, PinoNestLogger } from '@news/observability';
import { ensureDatabase, runService } from '@news/runtime';
import { loadStorageConfig } from './config.js';
import { StorageModule } from './storage.module.js';

const logger = createLogger('storage');

await runService(
  'storage',
  async () => {
    const config = loadStorageConfig();
    await ensureDatabase(config.DATABASE_URL);
    const app = await NestFactory.create(StorageModule.forRoot(config, logger), {
      logger: new PinoNestLogger(logger),
    });
    app.enableShutdownHooks();
    await app.listen(config.STORAGE_PORT, config.STORAGE_HOST);
    logger.info({ url: `http://${config.STORAGE_HOST}:${config.STORAGE_PORT}` }, 'storage API listening');
  },
  logger,
);
