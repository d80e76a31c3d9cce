import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { ArticleRepository } from '../articles/article.repository.js';

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
@Controller('health')
export class HealthController {
  constructor(
    @Inject(ArticleRepository) private readonly articles: ArticleRepository,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
  ) {}

  @Get()
  async health(): Promise<{ status: 'ok' | 'unavailable'; checks: { database: Check; kafka: Check } }> {
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
