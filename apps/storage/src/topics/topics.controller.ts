import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { ref } from '../http/openapi-schemas.js';
import { parseQuery } from '../http/query-params.js';
import { ceilTo, DAY_MS, floorTo, HOUR_MS } from './count-ranges.js';
import { TimeseriesParams, topicKeyParam, TopicsParams, TrendingParams } from './topic-params.js';
import { TopicRepository, type TopicCount, type TopicName, type TrendingTopic } from './topic.repository.js';
import { ApiDatabaseUnavailableResponse } from '../http/database-unavailable.filter.js';

/** Most buckets one timeseries returns: 92 days of hours. */
export const MAX_POINTS = 2208;
const BUCKET_MS = { hour: HOUR_MS, day: DAY_MS } as const;
/** Buckets returned when `from` is not given. */
const DEFAULT_POINTS = { hour: 48, day: 30 } as const;

interface Ranking<T> {
  window: string;
  from: string;
  to: string;
  items: T[];
}

interface Timeseries {
  topic: TopicName;
  bucket: 'hour' | 'day';
  from: string;
  to: string;
  points: { t: string; count: number }[];
}

const windowQuery = (example: string, max: string) => ({
  name: 'window',
  required: false,
  description: `The last <n>m, <n>h or <n>d up to now, at most ${max}`,
  schema: { type: 'string', pattern: '^[1-9][0-9]{0,5}[mhd]$', default: example },
});
const limitQuery = {
  name: 'limit',
  required: false,
  schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
} as const;
const badRequest = { description: 'A parameter is wrong, unknown or given twice', schema: ref('Error') };

@ApiDatabaseUnavailableResponse()
@ApiTags('topics')
@Controller('topics')
export class TopicsController {
  constructor(@Inject(TopicRepository) private readonly topics: TopicRepository) {}

  @Get()
  @ApiOperation({
    summary: 'The topics with the most articles in a recent window',
    description:
      "Topics are an article's feed category, its page tags and key phrases of its title and lead, " +
      'counted once per article by sortAt (publishedAt, else fetchedAt). Most articles first.',
  })
  @ApiQuery(windowQuery('24h', '90d'))
  @ApiQuery(limitQuery)
  @ApiOkResponse({ description: 'The ranking', schema: ref('TopicRanking') })
  @ApiBadRequestResponse(badRequest)
  async top(@Query() query: Record<string, unknown>): Promise<Ranking<TopicCount>> {
    const { window, limit } = parseQuery(TopicsParams, query);
    const to = new Date();
    const from = new Date(to.getTime() - window.ms);
    return { window: window.text, ...span(from, to), items: await this.topics.top(from, to, limit) };
  }

  @Get('trending')
  @ApiOperation({
    summary: 'Topics rising against their own baseline',
    description:
      'The count in the window against the mean count of windows of the same length over the 7 whole ' +
      'UTC days before the day the window starts (`baseline`); `zScore` is (count − baseline) / ' +
      'max(√baseline, 1). Topics with at least 2 articles in the window and a positive zScore, highest first.',
  })
  @ApiQuery(windowQuery('6h', '7d'))
  @ApiQuery(limitQuery)
  @ApiOkResponse({ description: 'The rising topics', schema: ref('TrendingTopics') })
  @ApiBadRequestResponse(badRequest)
  async trending(@Query() query: Record<string, unknown>): Promise<Ranking<TrendingTopic>> {
    const { window, limit } = parseQuery(TrendingParams, query);
    const to = new Date();
    const from = new Date(to.getTime() - window.ms);
    return { window: window.text, ...span(from, to), items: await this.topics.trending(from, to, limit) };
  }

  @Get(':topic/timeseries')
  @ApiOperation({
    summary: "A topic's article counts per hour or day",
    description:
      'Buckets are UTC hours or UTC days; `from` is rounded down and `to` up to a bucket boundary, ' +
      `every bucket is present (0 when there was no article), at most ${MAX_POINTS} buckets. ` +
      `Without from, the last ${DEFAULT_POINTS.hour} hours or ${DEFAULT_POINTS.day} days; without to, up to now.`,
  })
  @ApiParam({
    name: 'topic',
    description: 'A topic key or name in any spelling (پزشكيان = پزشکیان; ZWNJ, space or none)',
    schema: { type: 'string', maxLength: 200 },
  })
  @ApiQuery({
    name: 'bucket',
    required: false,
    schema: { type: 'string', enum: ['hour', 'day'], default: 'hour' },
  })
  @ApiQuery({ name: 'from', required: false, schema: { type: 'string', example: '2025-10-01T00:00:00Z' } })
  @ApiQuery({ name: 'to', required: false, schema: { type: 'string', example: '2025-10-02T00:00:00Z' } })
  @ApiOkResponse({ description: 'The counts', schema: ref('TopicTimeseries') })
  @ApiBadRequestResponse(badRequest)
  @ApiNotFoundResponse({ description: 'No article ever had this topic', schema: ref('Error') })
  async timeseries(
    @Param('topic') topic: string,
    @Query() query: Record<string, unknown>,
  ): Promise<Timeseries> {
    const { bucket, from, to } = parseQuery(TimeseriesParams, query);
    const key = parseQuery(z.object({ topic: topicKeyParam('topic') }), { topic }).topic;
    const unit = BUCKET_MS[bucket];
    const end = ceilTo(to ?? new Date(), unit);
    const start = from ? floorTo(from, unit) : new Date(end.getTime() - DEFAULT_POINTS[bucket] * unit);
    if (start >= end) throw new BadRequestException('to must be later than from');
    const buckets = (end.getTime() - start.getTime()) / unit;
    if (buckets > MAX_POINTS) {
      throw new BadRequestException(
        `from/to span ${buckets} ${bucket} buckets; at most ${MAX_POINTS} (narrow them or use bucket=day)`,
      );
    }
    const found = await this.topics.find(key);
    if (!found) throw new NotFoundException(`no topic ${JSON.stringify(topic)} (key ${JSON.stringify(key)})`);
    const points = await this.topics.timeseries(key, bucket, start, end);
    return {
      topic: found,
      bucket,
      ...span(start, end),
      points: points.map((p) => ({ t: p.t.toISOString(), count: p.count })),
    };
  }
}

const span = (from: Date, to: Date) => ({ from: from.toISOString(), to: to.toISOString() });
