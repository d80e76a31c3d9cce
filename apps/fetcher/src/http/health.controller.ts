import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { DataSource } from 'typeorm';

export const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');

type Check = { status: 'up' } | { status: 'down'; error: string };

async function check(probe: () => Promise<unknown>, timeoutMs = 3000): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Readiness: 200 when PostgreSQL and Kafka both answer, 503 naming what does not. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
  ) {}

  @Get()
  async health(): Promise<{ status: 'ok' | 'unavailable'; checks: { database: Check; kafka: Check } }> {
    const [database, kafka] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
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
