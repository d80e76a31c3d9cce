import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Registry } from 'prom-client';

/** The Prometheus registry a service exposes at /metrics (provided by each app). */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** `GET /metrics` in the Prometheus text format, for any service that provides METRICS_REGISTRY. */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
