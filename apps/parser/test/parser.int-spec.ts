import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { deadLetterTopic, TOPICS, type RawArticleEvent } from '@news/contracts';
import { setTopicConfig } from '@news/messaging';
import { ParserModule } from '../src/parser.module.js';
import { KAFKA_BROKERS, uniqueName } from '../../../test/support/env.js';
import {
  createPipelineTopics,
  kafka,
  topicConfig,
  groupCaughtUp,
  produceRaw,
  recordTopic,
  startGroupAtEnd,
  type Received,
} from '../../../test/support/kafka.js';
import { freePort } from '../../../test/support/fixture-server.js';
import { captureLogger } from '../../../test/support/logger.js';
import { waitFor } from '../../../test/support/wait.js';

const seedPage = readFileSync(new URL('../../../test/e2e/fixtures/ilna-seed.html', import.meta.url), 'utf8');

function rawEvent(id: string, html: string): RawArticleEvent {
  return {
    id,
    feedUrl: 'https://www.ilna.ir/rss',
    item: {
      guid: null,
      title: null,
      link: 'https://www.ilna.ir/news/1700000/',
      summary: null,
      author: null,
      categories: [],
      publishedAt: null,
    },
    requestedUrl: 'https://www.ilna.ir/news/1700000/',
    finalUrl: 'https://www.ilna.ir/news/1700000/',
    httpStatus: 200,
    contentType: 'text/html; charset=utf-8',
    charset: 'UTF-8',
    fetchedAt: '2025-09-23T06:00:00.000Z',
    html,
  };
}

describe('parser service on a real broker', () => {
  const log = captureLogger();
  let app: INestApplication;
  let port = 0;
  const group = uniqueName('parser');
  let articles: { messages: Received[]; stop: () => Promise<void> };
  let dlq: { messages: Received[]; stop: () => Promise<void> };

  beforeAll(async () => {
    await createPipelineTopics();
    await startGroupAtEnd(group, [TOPICS.rawArticles]);
    articles = await recordTopic(TOPICS.articles);
    dlq = await recordTopic(deadLetterTopic(TOPICS.rawArticles));
    port = await freePort();
    app = await NestFactory.create(
      ParserModule.forRoot(
        {
          KAFKA_BROKERS: KAFKA_BROKERS.split(','),
          PARSER_GROUP_ID: group,
          PARSER_PORT: port,
          PARSER_HOST: '127.0.0.1',
          PARSER_DELIVERY: 'exactly-once',
          RAW_ARTICLES_RETENTION_DAYS: 45,
          ARTICLES_TOPIC_COMPACTED: true,
          PARSER_TRANSACTIONAL_ID: uniqueName('parser-tx'),
          PARSER_PAGE_TIMEOUT_MS: 2000,
        },
        log.logger,
      ),
      { logger: false },
    );
    await app.listen(port, '127.0.0.1');
  }, 60_000);

  afterAll(async () => {
    await app.close();
    // The broker is shared by the test files that follow: back to the default policy.
    await setTopicConfig(kafka, TOPICS.articles, { 'cleanup.policy': 'delete' });
    await articles.stop();
    await dlq.stop();
  }, 60_000);

  it('dead-letters what it cannot parse with the reason and offset, and keeps parsing what follows', async () => {
    const runId = uniqueName('run');
    const notAnArticle = rawEvent(
      `${runId}-empty`,
      '<html><head><title></title></head><body><nav>menu</nav></body></html>',
    );
    await produceRaw(TOPICS.rawArticles, [
      { key: `${runId}-notjson`, value: 'this is not json {' },
      {
        key: `${runId}-invalid`,
        value: JSON.stringify({ ...rawEvent(`${runId}-invalid`, seedPage), feedUrl: 'not a url' }),
      },
      { key: `${runId}-empty`, value: JSON.stringify(notAnArticle) },
      { key: `${runId}-good`, value: JSON.stringify(rawEvent(`${runId}-good`, seedPage)) },
    ]);

    const letters = await waitFor('three dead letters', async () => {
      const mine = dlq.messages.filter((m) => m.key?.startsWith(runId));
      return mine.length >= 3 ? mine : undefined;
    });
    const reasonOf = (suffix: string) =>
      letters.find((m) => m.key === `${runId}-${suffix}`)?.headers.dlq_reason;
    expect(reasonOf('notjson')).toContain('value is not JSON');
    expect(reasonOf('invalid')).toMatch(/schema violation: feedUrl/);
    expect(reasonOf('empty')).toContain('no title found');
    for (const letter of letters) {
      expect(letter.headers).toMatchObject({
        dlq_source_topic: TOPICS.rawArticles,
        dlq_source_offset: expect.stringMatching(/^\d+$/),
      });
    }
    // The original bytes travel unchanged, so a replay after a fix sends exactly what failed.
    expect(letters.find((m) => m.key === `${runId}-notjson`)?.value).toBe('this is not json {');

    const parsed = await waitFor('the good article', async () =>
      articles.messages.find((m) => JSON.parse(m.value ?? '{}').title?.startsWith('تلاش\u200cهای بدخواهان')),
    );
    expect(JSON.parse(parsed.value ?? '{}')).toMatchObject({
      canonicalUrl: 'https://www.ilna.ir/news/1700000/',
      source: { id: 'ilna' },
    });
    expect(log.lines('raw article sent to dead-letter topic').length).toBeGreaterThanOrEqual(3);
    await waitFor('offsets committed', async () =>
      (await groupCaughtUp(group, TOPICS.rawArticles)) ? true : undefined,
    );
  }, 60_000);

  it('keeps raw pages for the configured number of days, so that they can be re-parsed', async () => {
    expect(await topicConfig(TOPICS.rawArticles, 'retention.ms')).toBe(String(45 * 24 * 60 * 60 * 1000));
  });

  it('serves /health and Prometheus /metrics with parse counts, extraction time and consumer lag', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', checks: { kafka: { status: 'up' } } });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/^news_parser_articles_parsed_total [1-9]/m);
    expect(metrics).toMatch(/^news_parser_dead_lettered_total [3-9]/m);
    expect(metrics).toContain('news_parser_extraction_seconds_bucket');
    expect(metrics).toContain('news_parser_batch_size_count');
    expect(metrics).toMatch(
      /^news_parser_consumer_lag\{topic="news\.raw-articles\.v1",partition="\d"\} \d+/m,
    );
  });

  it('compacts news.articles.v1 by article id when asked to', async () => {
    expect(await topicConfig(TOPICS.articles, 'cleanup.policy')).toBe('compact');
  });
});
