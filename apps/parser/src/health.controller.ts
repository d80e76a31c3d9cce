import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { readiness, type Readiness } from '@news/observability';
import type { Admin } from 'kafkajs';

export const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');

/** Readiness: 200 when Kafka answers, 503 with the reason when it does not. */
@Controller('health')
export class ParserHealthController {
  constructor(@Inject(KAFKA_ADMIN) private readonly admin: Admin) {}

  @Get()
  async health(): Promise<Readiness<'kafka'>> {
    const body = await readiness({ kafka: () => this.admin.describeCluster() });
    if (body.status !== 'ok') throw new HttpException(body, HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
