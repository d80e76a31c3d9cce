import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ref } from '../http/openapi-schemas.js';
import { NoQueryParams, parseQuery } from '../http/query-params.js';
import { SourceRepository, type SourceSummary } from './source.repository.js';
import { ApiDatabaseUnavailableResponse } from '../http/database-unavailable.filter.js';

@ApiDatabaseUnavailableResponse()
@ApiTags('sources')
@Controller('sources')
export class SourcesController {
  constructor(@Inject(SourceRepository) private readonly sources: SourceRepository) {}

  @Get()
  @ApiOperation({ summary: 'Every source with its article count and the time of its newest article' })
  @ApiOkResponse({ description: 'The sources, by id', schema: ref('SourceList') })
  @ApiBadRequestResponse({
    description: 'A query parameter was given; this endpoint takes none',
    schema: ref('Error'),
  })
  async list(@Query() query: Record<string, unknown>): Promise<{ items: SourceSummary[] }> {
    parseQuery(NoQueryParams, query);
    return { items: await this.sources.list() };
  }
}
