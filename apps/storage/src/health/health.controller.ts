import { Controller, Get, HttpException, HttpStatus, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { readiness, type Readiness } from '@news/observability';
import type { Admin } from 'kafkajs';
import { ArticleRepository } from '../articles/article.repository.js';
import type { DatabaseKind } from '../database/database-choice.js';
import { ref } from '../http/openapi-schemas.js';
import { NoQueryParams, parseQuery } from '../http/query-params.js';

export const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');
/** Which database storage runs on ('postgresql' | 'sqlite'), as /health reports it. */
export const DATABASE_KIND = Symbol('DATABASE_KIND');

export type StorageHealth = Readiness<'database' | 'kafka'> & { database: DatabaseKind };

/**
 * Readiness: 200 when Kafka and the database (PostgreSQL, or the embedded SQLite file) both
 * answer, 503 naming what does not. `database` says which one is in use: the embedded default
 * is chosen at start-up, and whoever looks at a running service should not have to guess.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(ArticleRepository) private readonly articles: Pick<ArticleRepository, 'ping'>,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(DATABASE_KIND) private readonly databaseKind: DatabaseKind,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Readiness: the database (PostgreSQL or embedded SQLite) and Kafka both answer' })
  @ApiOkResponse({ description: 'Both are up', schema: ref('Health') })
  @ApiServiceUnavailableResponse({ description: 'Names what is down', schema: ref('Health') })
  async health(@Query() query: Record<string, unknown>): Promise<StorageHealth> {
    parseQuery(NoQueryParams, query);
    const checks = await readiness({
      database: () => this.articles.ping(),
      kafka: () => this.admin.describeCluster(),
    });
    const body = { ...checks, database: this.databaseKind };
    if (body.status !== 'ok') throw new HttpException(body, HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
