import { Catch, type ArgumentsHost, type HttpServer } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { Logger } from '@news/observability';
import { isDatabaseUnavailable, isStatementTimeout } from '../database/errors.js';
import { ref } from './openapi-schemas.js';

/** Seconds a client is asked to wait before trying again while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/** OpenAPI: the 503 of this filter, on every endpoint that reads the database. */
export const ApiDatabaseUnavailableResponse = () =>
  ApiServiceUnavailableResponse({
    description:
      'The database cannot be reached, or the read ran past STORAGE_READ_TIMEOUT_MS; the message says which',
    headers: {
      'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } },
    },
    schema: ref('Error'),
  });

/**
 * A request that fails because the database cannot answer gets a 503 saying why, with
 * Retry-After, instead of a bare 500: a dashboard or a client can tell an outage or an overloaded
 * database (wait and retry) from a bug (report it). Two cases: the database cannot be reached, or
 * the read ran past the API's statement timeout. Everything else is left to Nest's own handling.
 */
@Catch()
export class DatabaseUnavailableFilter extends BaseExceptionFilter {
  constructor(
    private readonly http: HttpServer,
    private readonly logger: Logger,
    private readonly readTimeoutMs: number,
  ) {
    super(http);
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    const response: unknown = host.getType() === 'http' ? host.switchToHttp().getResponse() : null;
    const message = this.unavailableMessage(exception);
    if (!response || this.http.isHeadersSent(response) || !message) {
      super.catch(exception, host);
      return;
    }
    this.logger.warn({ err: exception }, `request failed: ${message}`);
    this.http.setHeader(response, 'Retry-After', String(RETRY_AFTER_SECONDS));
    this.http.reply(response, { statusCode: 503, message }, 503);
  }

  private unavailableMessage(exception: unknown): string | undefined {
    if (isDatabaseUnavailable(exception)) return 'database unavailable; try again shortly';
    if (isStatementTimeout(exception))
      return (
        `the query ran past the ${this.readTimeoutMs} ms limit for reads (STORAGE_READ_TIMEOUT_MS) ` +
        'and was cancelled; narrow it (a shorter span, a rarer phrase) or try again shortly'
      );
    return undefined;
  }
}
