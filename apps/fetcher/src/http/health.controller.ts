import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { readiness, type Readiness } from '@news/observability';
import type { Admin } from 'kafkajs';
import { DataSource } from 'typeorm';

export const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');

/** Readiness: 200 when PostgreSQL and Kafka both answer, 503 naming what does not. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
  ) {}

  @Get()
  async health(): Promise<Readiness<'database' | 'kafka'>> {
    const body = await readiness({
      database: () => this.dataSource.query('SELECT 1'),
      kafka: () => this.admin.describeCluster(),
    });
    if (body.status !== 'ok') throw new HttpException(body, HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
