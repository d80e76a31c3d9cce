import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ref } from '../http/openapi-schemas.js';
import { NoQueryParams, parseQuery } from '../http/query-params.js';
import { feedHealthView, type FeedHealthView } from './feed-health.js';
import { FeedStatusRepository } from './feed-status.repository.js';
import { ApiDatabaseUnavailableResponse } from '../http/database-unavailable.filter.js';

@ApiDatabaseUnavailableResponse()
@ApiTags('feeds')
@Controller('feeds')
export class FeedsHealthController {
  constructor(@Inject(FeedStatusRepository) private readonly feeds: FeedStatusRepository) {}

  @Get('health')
  @ApiOperation({
    summary: "Each feed's latest poll, failure counters and health",
    description: 'From the news.feed-status.v1 events. A feed is failing while its latest poll failed.',
  })
  @ApiOkResponse({ description: 'The feeds, failing first', schema: ref('FeedHealthList') })
  @ApiBadRequestResponse({
    description: 'A query parameter was given; this endpoint takes none',
    schema: ref('Error'),
  })
  async health(
    @Query() query: Record<string, unknown>,
  ): Promise<{ items: FeedHealthView[]; summary: { total: number; healthy: number; failing: number } }> {
    parseQuery(NoQueryParams, query);
    const items = (await this.feeds.list()).map(feedHealthView);
    const failing = items.filter((f) => f.status === 'failing').length;
    return { items, summary: { total: items.length, healthy: items.length - failing, failing } };
  }
}
