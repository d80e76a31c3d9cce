import { BadRequestException, Controller, Get, Inject, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Logger } from '@news/observability';
import { topicKey } from '@news/topics';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { ref } from '../http/openapi-schemas.js';
import { parseQuery, textParam } from '../http/query-params.js';
import { ArticleStream } from './article-stream.js';
import { SSE_DEFAULTS, SseConnection } from './sse-connection.js';
import type { StreamFilter } from './streamed-article.js';

export const STREAM_LOGGER = Symbol('STREAM_LOGGER');

const StreamQuery = z.strictObject({
  source: textParam('source', 100).optional(),
  topic: textParam('topic', 200).optional(),
});

export function parseStreamFilter(query: Record<string, unknown>): StreamFilter {
  const { source, topic } = parseQuery(StreamQuery, query);
  const filter: StreamFilter = {};
  if (source !== undefined) filter.source = source;
  if (topic !== undefined) {
    filter.topic = topicKey(topic);
    if (!filter.topic) throw new BadRequestException('topic must contain a letter or a digit');
  }
  return filter;
}

/**
 * Listed before ArticlesController in the module, so that Express matches `/articles/stream`
 * here before `/articles/:id` takes "stream" for an id.
 */
@ApiTags('articles')
@Controller('articles')
export class ArticleStreamController {
  constructor(
    @Inject(ArticleStream) private readonly stream: ArticleStream,
    @Inject(STREAM_LOGGER) private readonly logger: Logger,
  ) {}

  @Get('stream')
  @ApiOperation({
    summary: 'Newly stored articles, live, as Server-Sent Events',
    description:
      'One `event: article` (id: the article id; data: JSON with id, title, kicker, lead, source, ' +
      'publishedAt, sortAt, url, topics) per article inserted or changed from now on, and a comment ' +
      'line every 15 s. A client that leaves 256 KiB unread is disconnected (EventSource reconnects).',
  })
  @ApiProduces('text/event-stream')
  @ApiQuery({
    name: 'source',
    required: false,
    description: 'Only this source id',
    schema: { type: 'string' },
  })
  @ApiQuery({
    name: 'topic',
    required: false,
    description: 'Only articles with this topic, in any spelling (ي/ی, with or without ZWNJ)',
    schema: { type: 'string', maxLength: 200 },
  })
  @ApiOkResponse({
    description: 'An endless text/event-stream',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiBadRequestResponse({ description: 'A parameter is wrong or unknown', schema: ref('Error') })
  open(@Query() query: Record<string, unknown>, @Res() res: ServerResponse): void {
    const filter = parseStreamFilter(query);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no', // nginx and the like would otherwise hold events back
      Connection: 'keep-alive',
    });
    res.flushHeaders();
    new SseConnection(res, filter, SSE_DEFAULTS, (buffered) =>
      this.logger.warn({ filter, buffered }, 'slow /articles/stream client dropped'),
    ).open(this.stream.articles);
  }
}
