import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { decodeBody } from '@news/http-fetch';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LIMITS } from '../config.js';
import { DiscoveryError } from './feed-discovery.js';
import {
  FeedRegistry,
  RegistryInputError,
  type AddResult,
  type DiscoverResult,
  type ImportResult,
} from './feed-registry.service.js';
import type { FeedView } from './feed-view.js';
import { ref } from './openapi-schemas.js';
import { OpmlError } from './opml.js';
import {
  AddFeedBody,
  DiscoverBody,
  FeedId,
  ListFeedsQuery,
  parseInput,
  readOpmlBody,
} from './request-input.js';

/** Said when a feed of the feeds file is deleted: the file, not the API, decides what it lists. */
export const CONFIG_FEED_DELETED_NOTE =
  'this feed is listed in the feeds file: it comes back at the next start unless removed from the file';

const idParam = ApiParam({ name: 'id', description: 'the feed id (32 hex digits) that GET /feeds lists' });
const badInput = ApiBadRequestResponse({
  description: 'Bad input, named in the message',
  schema: ref('Error'),
});
const notFound = ApiNotFoundResponse({ description: 'No feed with this id', schema: ref('Error') });

/**
 * The feed registry over HTTP, on the fetcher's own port. Thin: input is
 * validated here (a bad value is a 400 naming it), the rest is FeedRegistry.
 */
@ApiTags('feeds')
@Controller('feeds')
export class FeedsController {
  constructor(@Inject(FeedRegistry) private readonly registry: FeedRegistry) {}

  @Get()
  @ApiOperation({ summary: 'The feeds with their poll state, oldest registered first' })
  @ApiQuery({ name: 'status', required: false, enum: ['active', 'paused', 'inactive', 'unhealthy'] })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
  })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiOkResponse({ schema: ref('FeedList') })
  @badInput
  async list(
    @Query() query: Record<string, unknown>,
  ): Promise<{ feeds: FeedView[]; total: number; limit: number; offset: number }> {
    const { status, limit, offset } = parseInput(ListFeedsQuery, query, 'query parameter');
    return { ...(await this.registry.list(status, limit, offset)), limit, offset };
  }

  // Declared before `:id`, which would otherwise take "export" for an id.
  @Get('export')
  @Header('content-type', 'text/x-opml; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="feeds.opml"')
  @ApiOperation({ summary: 'The followed feeds (active or paused) as OPML 2.0' })
  @ApiProduces('text/x-opml')
  @ApiOkResponse({ description: 'OPML 2.0', schema: { type: 'string' } })
  async export(): Promise<string> {
    return this.registry.exportOpml();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One feed with its poll state' })
  @idParam
  @ApiOkResponse({ schema: ref('Feed') })
  @badInput
  @notFound
  async get(@Param('id') id: string): Promise<FeedView> {
    return found(await this.registry.get(parseInput(FeedId, id)), id);
  }

  /** 201 with the feed; 409 with the existing one when its (canonical) URL is registered already. */
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Registers a feed (origin "api"), due at once' })
  @ApiBody({ schema: ref('AddFeed') })
  @ApiCreatedResponse({ schema: ref('Feed') })
  @ApiConflictResponse({
    description: 'Registered already: the body has the existing feed',
    schema: ref('Error'),
  })
  @badInput
  async add(@Body() body: unknown): Promise<FeedView> {
    const { url, title } = parseInput(AddFeedBody, body);
    const result = await inputErrorsAs400(() => this.registry.add(url, title ?? null));
    return conflictIfExists(result);
  }

  @Post('import')
  @HttpCode(200)
  @ApiOperation({ summary: 'Registers every feed of an OPML document (at most 1 MB, no DOCTYPE)' })
  @ApiConsumes('text/x-opml', 'application/xml')
  @ApiBody({ schema: { type: 'string' } })
  @ApiOkResponse({ schema: ref('ImportResult') })
  @badInput
  async import(@Req() req: IncomingMessage): Promise<ImportResult> {
    const body = await readOpmlBody(req, LIMITS.opmlMaxBytes);
    const text = decodeBody(body, req.headers['content-type'] ?? null, 'xml').text;
    try {
      return await this.registry.importOpml(text);
    } catch (error) {
      if (error instanceof OpmlError) throw new BadRequestException(error.message);
      throw error;
    }
  }

  /**
   * Candidate feeds of a site (an empty list when none was found); with
   * `"add": true` the first is registered too, and `added` says whether it
   * was new (`added`, `reactivated`) or registered already (`exists`).
   */
  @Post('discover')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Finds the feeds of a site: the URL itself, <link rel="alternate">, or common paths',
  })
  @ApiBody({ schema: ref('Discover') })
  @ApiOkResponse({ schema: ref('DiscoverResult') })
  @ApiUnprocessableEntityResponse({ description: 'The site could not be read', schema: ref('Error') })
  @badInput
  async discover(@Body() body: unknown): Promise<DiscoverResult> {
    const { url, add } = parseInput(DiscoverBody, body);
    try {
      return await inputErrorsAs400(() => this.registry.discover(url, add));
    } catch (error) {
      if (error instanceof DiscoveryError) throw new UnprocessableEntityException(error.message);
      throw error;
    }
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stops polling the feed; its state is kept' })
  @idParam
  @ApiOkResponse({ schema: ref('Feed') })
  @badInput
  @notFound
  async pause(@Param('id') id: string): Promise<FeedView> {
    return found(await this.registry.pause(parseInput(FeedId, id)), id);
  }

  /** Resuming makes the feed due at once. */
  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Polls the feed again, at once' })
  @idParam
  @ApiOkResponse({ schema: ref('Feed') })
  @badInput
  @notFound
  async resume(@Param('id') id: string): Promise<FeedView> {
    return found(await this.registry.resume(parseInput(FeedId, id)), id);
  }

  /**
   * Forgets the feed and its seen-items. A feed of the feeds file comes back
   * at the next start unless removed from the file: the `x-feed-note` header
   * says so.
   */
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Forgets the feed and its seen items; a feed of the feeds file comes back at the next start',
  })
  @idParam
  @ApiNoContentResponse({
    description: 'Deleted; for a config feed, the x-feed-note header says it comes back',
  })
  @badInput
  @notFound
  async remove(@Param('id') id: string, @Res({ passthrough: true }) res: ServerResponse): Promise<void> {
    const feed = found(await this.registry.remove(parseInput(FeedId, id)), id);
    if (feed.origin === 'config') res.setHeader('x-feed-note', CONFIG_FEED_DELETED_NOTE);
  }
}

function found(feed: FeedView | null, id: string): FeedView {
  if (!feed) throw new NotFoundException(`no feed with id ${JSON.stringify(id)}`);
  return feed;
}

function conflictIfExists(result: AddResult): FeedView {
  if (result.kind !== 'exists') return result.feed;
  throw new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `feed already registered as ${result.feed.url} (id ${result.feed.id})`,
    feed: result.feed,
  });
}

async function inputErrorsAs400<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof RegistryInputError) throw new BadRequestException(error.message);
    throw error;
  }
}
