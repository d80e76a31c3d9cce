import 'reflect-metadata';
import { createLogger, PinoNestLogger } from '@news/observability';
import { ensureDatabase, runService } from '@news/runtime';
import { createStorageApp } from './app.js';
import { loadStorageConfig } from './config.js';
import { chooseDatabase, databaseUrl } from './database/database-choice.js';

const logger = createLogger('storage');

await runService(
  'storage',
  async () => {
    const config = loadStorageConfig();
    const database = await chooseDatabase(config.DATABASE_URL, logger);
    if (database.kind === 'postgresql') await ensureDatabase(database.url);
    const app = await createStorageApp({ ...config, DATABASE_URL: databaseUrl(database) }, logger, {
      logger: new PinoNestLogger(logger),
    });
    app.enableShutdownHooks();
    await app.listen(config.STORAGE_PORT, config.STORAGE_HOST);
    logger.info({ url: `http://${config.STORAGE_HOST}:${config.STORAGE_PORT}` }, 'storage API listening');
  },
  logger,
);
