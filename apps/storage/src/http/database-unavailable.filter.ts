import { Catch, type ArgumentsHost, type HttpServer } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Logger } from '@news/observability';
import { isDatabaseUnavailable } from '../database/errors.js';

/** Seconds a client is asked to wait before trying again while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * A request that fails because the database cannot be reached gets a 503 saying so, with
 * Retry-After, instead of a bare 500: a dashboard or a client can tell an outage (wait and retry)
 * from a bug (report it). Everything else is left to Nest's own handling.
 */
@Catch()
export class DatabaseUnavailableFilter extends BaseExceptionFilter {
  constructor(
    private readonly http: HttpServer,
    private readonly logger: Logger,
  ) {
    super(http);
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    const response: unknown = host.getType() === 'http' ? host.switchToHttp().getResponse() : null;
    if (!response || this.http.isHeadersSent(response) || !isDatabaseUnavailable(exception)) {
      super.catch(exception, host);
      return;
    }
    this.logger.warn({ err: exception }, 'request failed: database unavailable');
    this.http.setHeader(response, 'Retry-After', String(RETRY_AFTER_SECONDS));
    this.http.reply(response, { statusCode: 503, message: 'database unavailable; try again shortly' }, 503);
  }
}
