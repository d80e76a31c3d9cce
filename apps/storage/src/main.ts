import 'reflect-metadata';
import { createLogger, PinoNestLogger } from '@news/observability';
import { ensureDatabase, runService } from '@news/runtime';
import { createStorageApp } from './app.js';
import { loadStorageConfig } from './config.js';

const logger = createLogger('storage');

await runService(
  'storage',
  async () => {
    const config = loadStorageConfig();
    await ensureDatabase(config.DATABASE_URL);
    const app = await createStorageApp(config, logger, { logger: new PinoNestLogger(logger) });
    app.enableShutdownHooks();
    await app.listen(config.STORAGE_PORT, config.STORAGE_HOST);
    logger.info({ url: `http://${config.STORAGE_HOST}:${config.STORAGE_PORT}` }, 'storage API listening');
  },
  logger,
);
