import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { parseQuery } from '../http/query-params.js';
import { TimeseriesParams, TopicsParams, TrendingParams } from './topic-params.js';

const message = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).message;
  }
  throw new Error('no error');
};

describe('topic query parameters', () => {
  it('defaults to 24h and 20 topics, 6h for trending, hourly buckets', () => {
    expect(parseQuery(TopicsParams, {})).toEqual({ window: { text: '24h', ms: 86_400_000 }, limit: 20 });
    expect(parseQuery(TrendingParams, {}).window).toEqual({ text: '6h', ms: 21_600_000 });
    expect(parseQuery(TimeseriesParams, {})).toEqual({ bucket: 'hour', from: undefined, to: undefined });
  });

  it('reads minutes, hours and days up to the bound', () => {
    expect(parseQuery(TopicsParams, { window: '30m' }).window.ms).toBe(1_800_000);
    expect(parseQuery(TopicsParams, { window: '90d', limit: '100' })).toEqual({
      window: { text: '90d', ms: 90 * 86_400_000 },
      limit: 100,
    });
    expect(parseQuery(TrendingParams, { window: '7d' }).window.ms).toBe(7 * 86_400_000);
  });

  it.each([
    [TopicsParams, { window: '91d' }, 'window'],
    [TopicsParams, { window: '0h' }, 'window'],
    [TopicsParams, { window: '24' }, 'window'],
    [TopicsParams, { window: '1w' }, 'window'],
    [TopicsParams, { window: ['1h', '2h'] }, 'window'],
    [TopicsParams, { limit: '0' }, 'limit'],
    [TopicsParams, { limit: '1.5' }, 'limit'],
    [TopicsParams, { page: '2' }, 'page'],
    [TrendingParams, { window: '169h' }, 'window'],
    [TimeseriesParams, { bucket: 'week' }, 'bucket'],
    [TimeseriesParams, { from: 'yesterday' }, 'from'],
  ])('refuses %#: %j naming %s', (schema, query, name) => {
    expect(message(() => parseQuery(schema, query))).toContain(name);
  });
});
