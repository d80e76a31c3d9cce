import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { METRICS_REGISTRY } from '@news/observability';
import { Registry } from 'prom-client';
import { NoQueryParams, parseQuery } from '../http/query-params.js';

/** observability's MetricsController, documented in OpenAPI and refusing query parameters. */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  @ApiOkResponse({ description: 'The metrics', content: { 'text/plain': { schema: { type: 'string' } } } })
  async metrics(@Query() query: Record<string, unknown>): Promise<string> {
    parseQuery(NoQueryParams, query);
    return this.registry.metrics();
  }
}
