import { Controller, Get, HttpException, HttpStatus, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { readiness, type Readiness } from '@news/observability';
import type { Admin } from 'kafkajs';
import { ArticleRepository } from '../articles/article.repository.js';
import { ref } from '../http/openapi-schemas.js';
import { NoQueryParams, parseQuery } from '../http/query-params.js';

export const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');

/** Readiness: 200 when Kafka and PostgreSQL both answer, 503 naming what does not. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(ArticleRepository) private readonly articles: ArticleRepository,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Kafka both answer' })
  @ApiOkResponse({ description: 'Both are up', schema: ref('Health') })
  @ApiServiceUnavailableResponse({ description: 'Names what is down', schema: ref('Health') })
  async health(@Query() query: Record<string, unknown>): Promise<Readiness<'database' | 'kafka'>> {
    parseQuery(NoQueryParams, query);
    const body = await readiness({
      database: () => this.articles.ping(),
      kafka: () => this.admin.describeCluster(),
    });
    if (body.status !== 'ok') throw new HttpException(body, HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
