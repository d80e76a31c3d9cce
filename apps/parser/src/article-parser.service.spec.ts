import { describe, expect, it } from '@jest/globals';
import { TOPICS, type RawArticleEvent } from '@news/contracts';
import { loadDefaultProfiles } from '@news/extraction';
import { encodeEvent } from '@news/messaging';
import type { KafkaMessage } from 'kafkajs';
import { parseRawMessage } from './article-parser.service.js';
import { loadParserConfig } from './config.js';

const url = 'https://example.com/news/1';
const page =
  '<html><head><title>An ordinary page</title></head><body><article><h1>An ordinary page</h1>' +
  `<p>${'A sentence of the report that is long enough to count as article text. '.repeat(6)}</p>` +
  '</article></body></html>';

function rawMessage(html: string): KafkaMessage {
  const event: RawArticleEvent = {
    id: 'a1',
    feedUrl: 'https://example.com/rss',
    item: {
      guid: null,
      title: null,
      link: url,
      summary: null,
      author: null,
      categories: [],
      publishedAt: null,
    },
    requestedUrl: url,
    finalUrl: url,
    httpStatus: 200,
    contentType: 'text/html; charset=utf-8',
    charset: 'UTF-8',
    fetchedAt: '2025-10-01T00:00:00.000Z',
    html,
  };
  const message = encodeEvent(TOPICS.rawArticles, event.id, event, 'test');
  return {
    key: Buffer.from(String(message.key)),
    value: Buffer.from(String(message.value)),
    headers: {},
    timestamp: '0',
    attributes: 0,
    offset: '0',
  };
}

const profiles = loadDefaultProfiles();
const now = () => new Date('2025-10-01T00:00:00.000Z');

describe('parseRawMessage time bound', () => {
  it('parses the page within the default bound', () => {
    const outcome = parseRawMessage(rawMessage(page), profiles, now);
    expect(outcome.ok && outcome.article.title).toBe('An ordinary page');
  });

  it('turns a page over its time bound into a dead-letter reason naming the bound', () => {
    // A bound of 0 ms is already over when the clock is first read: no timing in the test.
    expect(parseRawMessage(rawMessage(page), profiles, now, 0)).toEqual({
      ok: false,
      reason: `ExtractionError: extraction exceeded 0 ms (${url})`,
    });
  });
});

describe('PARSER_PAGE_TIMEOUT_MS', () => {
  const base = { KAFKA_BROKERS: '127.0.0.1:9092' };

  it('defaults to two seconds', () => {
    expect(loadParserConfig(base).PARSER_PAGE_TIMEOUT_MS).toBe(2000);
  });

  it('reads a whole number of milliseconds', () => {
    expect(loadParserConfig({ ...base, PARSER_PAGE_TIMEOUT_MS: '500' }).PARSER_PAGE_TIMEOUT_MS).toBe(500);
  });

  it('refuses a bound that is not a positive number', () => {
    expect(() => loadParserConfig({ ...base, PARSER_PAGE_TIMEOUT_MS: '0' })).toThrow(
      'PARSER_PAGE_TIMEOUT_MS',
    );
    expect(() => loadParserConfig({ ...base, PARSER_PAGE_TIMEOUT_MS: 'soon' })).toThrow(
      'PARSER_PAGE_TIMEOUT_MS',
    );
  });
});
