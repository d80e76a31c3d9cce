import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * JSON lines in production; human-readable lines when a person is watching
 * (`LOG_PRETTY=true`, which `npm start` sets). Secrets never reach a log: the
 * redact list covers the places a connection string or credential could hide.
 */
export function createLogger(service: string): Logger {
  const pretty = process.env.LOG_PRETTY === 'true';
  return pino({
    name: service,
    level: process.env.LOG_LEVEL ?? 'info',
    redact: {
      paths: ['databaseUrl', '*.databaseUrl', 'password', '*.password', 'authorization', '*.authorization'],
      censor: '[redacted]',
    },
    transport: pretty
      ? {
          target: 'pino-pretty',
          options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname', singleLine: true },
        }
      : undefined,
  });
}

/** Nest's own messages (module wiring, routes) through the same pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
