import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ref } from '../http/openapi-schemas.js';
import { NoQueryParams, parseQuery } from '../http/query-params.js';
import { StatsService, type IngestionStats } from './stats.service.js';
import { ApiDatabaseUnavailableResponse } from '../http/database-unavailable.filter.js';

@ApiDatabaseUnavailableResponse()
@ApiTags('operations')
@Controller('stats')
export class StatsController {
  constructor(@Inject(StatsService) private readonly stats: StatsService) {}

  @Get()
  @ApiOperation({
    summary: 'Ingestion per minute and hour, fetch-to-store latency percentiles, dead letters',
    description:
      'Articles written (inserted or changed) per minute over the last 60 minutes and per hour over the ' +
      'last 48, the current minute and hour included (UTC buckets); latency percentiles from fetchedAt to ' +
      'the database write over the last 60 minutes, from a bucketed histogram (interpolated within a ' +
      'bucket); messages held by each dead-letter topic (null when Kafka did not answer in time).',
  })
  @ApiOkResponse({ description: 'The figures', schema: ref('Stats') })
  @ApiBadRequestResponse({
    description: 'A query parameter was given; this endpoint takes none',
    schema: ref('Error'),
  })
  async get(@Query() query: Record<string, unknown>): Promise<IngestionStats> {
    parseQuery(NoQueryParams, query);
    return this.stats.stats();
  }
}
