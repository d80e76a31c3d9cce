import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ProgressCounters } from '@news/observability';
import { Registry } from 'prom-client';
import type { FetcherCounter } from '../polling/fetcher-counters.js';

/** Prometheus text: the progress counters and the poll metrics, which share one registry. */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(ProgressCounters) private readonly counters: ProgressCounters<FetcherCounter>) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  async metrics(): Promise<string> {
    return this.counters.registry.metrics();
  }
}
