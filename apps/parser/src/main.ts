import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, PinoNestLogger } from '@news/observability';
import { runService } from '@news/runtime';
import { loadParserConfig } from './config.js';
import { ParserModule } from './parser.module.js';

const logger = createLogger('parser');

await runService(
  'parser',
  async () => {
    const config = loadParserConfig();
    const app = await NestFactory.createApplicationContext(ParserModule.forRoot(config, logger), {
      logger: new PinoNestLogger(logger),
    });
    app.enableShutdownHooks();
    logger.info('parser started');
  },
  logger,
);
