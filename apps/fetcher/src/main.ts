import 'reflect-metadata';
import { createLogger, PinoNestLogger } from '@news/observability';
import { ensureDatabase, runService } from '@news/runtime';
import { loadFetcherConfig } from './config.js';
import { createFetcherApp } from './app.js';

const logger = createLogger('fetcher');

await runService(
  'fetcher',
  async () => {
    const config = loadFetcherConfig();
    await ensureDatabase(config.DATABASE_URL);
    const app = await createFetcherApp(config, logger, { logger: new PinoNestLogger(logger) });
    app.enableShutdownHooks();
    await app.listen(config.FETCHER_PORT, config.FETCHER_HOST);
    logger.info({ url: `http://${config.FETCHER_HOST}:${config.FETCHER_PORT}` }, 'fetcher started');
  },
  logger,
);
