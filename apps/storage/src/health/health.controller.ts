import { Controller, Get, HttpException, HttpStatus, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Admin } from 'kafkajs';
import { ArticleRepository } from '../articles/article.repository.js';
import { ref } from '../http/openapi-schemas.js';
import { NoQueryParams, parseQuery } from '../http/query-params.js';

export const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');

type Check = { status: 'up' } | { status: 'down'; error: string };

async function check(probe: () => Promise<unknown>, timeoutMs = 3000): Promise<Check> {
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  }
}

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
  async health(
    @Query() query: Record<string, unknown>,
  ): Promise<{ status: 'ok' | 'unavailable'; checks: { database: Check; kafka: Check } }> {
    parseQuery(NoQueryParams, query);
    const [database, kafka] = await Promise.all([
      check(() => this.articles.ping()),
      check(() => this.admin.describeCluster()),
    ]);
    const body = {
      status: database.status === 'up' && kafka.status === 'up' ? ('ok' as const) : ('unavailable' as const),
      checks: { database, kafka },
    };
    if (body.status !== 'ok') throw new HttpException(body, HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
