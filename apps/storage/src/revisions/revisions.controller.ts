import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ARTICLE_ID } from '../articles/articles.controller.js';
import { ref } from '../http/openapi-schemas.js';
import { NoQueryParams, parseQuery } from '../http/query-params.js';
import { RevisionRepository, type ArticleRevision } from './revision.repository.js';
import { ApiDatabaseUnavailableResponse } from '../http/database-unavailable.filter.js';

@ApiDatabaseUnavailableResponse()
@ApiTags('articles')
@Controller('articles')
export class RevisionsController {
  constructor(@Inject(RevisionRepository) private readonly revisions: RevisionRepository) {}

  @Get(':id/revisions')
  @ApiOperation({
    summary: "An article's versions, newest first",
    description:
      'The current version first, then every version a new contentHash replaced, each with when it was parsed ' +
      'and when it was written to the archive.',
  })
  @ApiParam({
    name: 'id',
    description: 'Article id: 32 hex characters',
    schema: { type: 'string', pattern: ARTICLE_ID.source },
  })
  @ApiOkResponse({ description: 'The versions', schema: ref('RevisionList') })
  @ApiNotFoundResponse({ description: 'No such article', schema: ref('Error') })
  async list(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<{ items: ArticleRevision[] }> {
    parseQuery(NoQueryParams, query);
    const items = ARTICLE_ID.test(id) ? await this.revisions.history(id) : null;
    if (!items) throw new NotFoundException(`no article with id ${id}`);
    return { items };
  }
}
