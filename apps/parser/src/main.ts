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
    const app = await NestFactory.create(ParserModule.forRoot(config, logger), {
      logger: new PinoNestLogger(logger),
    });
    app.enableShutdownHooks();
    await app.listen(config.PARSER_PORT, config.PARSER_HOST);
    logger.info(
      { url: `http://${config.PARSER_HOST}:${config.PARSER_PORT}` },
      'parser started: /health, /metrics',
    );
  },
  logger,
);
