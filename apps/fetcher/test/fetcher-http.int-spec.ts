import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { PinoNestLogger } from '@news/observability';
import { ensureDatabase } from '@news/runtime';
import { createFetcherApp } from '../src/app.js';
import { loadFetcherConfig } from '../src/config.js';
import { TestDatabase } from '../../../test/support/database.js';
import { KAFKA_BROKERS } from '../../../test/support/env.js';
import { FixtureServer, freePort, respond, rss } from '../../../test/support/fixture-server.js';
import { createPipelineTopics } from '../../../test/support/kafka.js';
import { captureLogger } from '../../../test/support/logger.js';
import { metricValue, seriesGrowth } from '../../../test/support/metrics.js';
import { waitFor } from '../../../test/support/wait.js';

const page = readFileSync(new URL('../../../test/e2e/fixtures/jalali-only.html', import.meta.url));

/** The fetcher app as main.ts runs it, in process, with its HTTP server on a free port. */
describe('fetcher HTTP server: /health, /metrics and request metrics', () => {
  const db = new TestDatabase();
  const log = captureLogger();
  let feed = '';
  const server = new FixtureServer({
    '/rss': (req, res) => respond(200, 'application/rss+xml', feed)(req, res),
    '/news/1': respond(200, 'text/html; charset=utf-8', page),
  });
  let app: INestApplication;
  let base = '';

  beforeAll(async () => {
    await server.listen();
    feed = rss('http test', server.url('/'), [{ title: 'one', link: server.url('/news/1') }]);
    const port = await freePort();
    const config = loadFetcherConfig({
      NEWS_FEEDS: server.url('/rss'),
      FETCHER_ALLOW_PRIVATE_NETWORKS: 'true',
      FETCH_HOST_DELAY_MS: '0',
      FETCHER_PORT: String(port),
      KAFKA_BROKERS,
      DATABASE_URL: db.url,
    });
    await ensureDatabase(db.url);
    await createPipelineTopics();
    app = await createFetcherApp(config, log.logger, { logger: new PinoNestLogger(log.logger) });
    await app.listen(config.FETCHER_PORT, config.FETCHER_HOST);
    base = `http://${config.FETCHER_HOST}:${config.FETCHER_PORT}`;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await server.close();
    await db.drop();
  }, 60_000);

  it('answers /metrics with the progress counters and the poll metrics after a poll', async () => {
    const metrics = async () => {
      const response = await fetch(`${base}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      return response.text();
    };
    // The poll is over once it is counted by outcome, the last thing it records.
    const text = await waitFor('the first poll', async () => {
      const t = await metrics();
      return t.includes('news_fetcher_polls_total{outcome="ok"} 1') ? t : undefined;
    });
    const value = (series: string) => metricValue(text, series);
    expect(value('news_fetcher_feeds_polled_total')).toBe(1);
    expect(value('news_fetcher_articles_published_total')).toBe(1);
    expect(value('news_fetcher_polls_total{outcome="ok"}')).toBe(1);
    expect(value('news_fetcher_polls_total{outcome="error"}')).toBe(0);
    expect(value('news_fetcher_poll_duration_seconds_count')).toBe(1);
    expect(value('news_fetcher_poll_duration_seconds_bucket{le="+Inf"}')).toBe(1);
    expect(value('news_fetcher_fetched_bytes_total{kind="feed"}')).toBe(Buffer.byteLength(feed));
    expect(value('news_fetcher_fetched_bytes_total{kind="page"}')).toBe(page.length);
    expect(value('news_fetcher_new_items_total')).toBe(1);
    // Polled just now, the only feed is not due again for FETCH_INTERVAL_SECONDS.
    expect(value('news_fetcher_feeds_due')).toBe(0);
  }, 60_000);

  it('answers /health with 200 when PostgreSQL and Kafka are up', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      checks: { database: { status: 'up' }, kafka: { status: 'up' } },
    });
  }, 60_000);

  it('times every request on /metrics by method, route template and status; unknown paths share one label', async () => {
    const request = (labels: string) => `news_fetcher_http_request_duration_seconds_count{${labels}}`;
    const series = {
      list: request('method="GET",route="/feeds",status="200"'),
      notFound: request('method="GET",route="/feeds/:id",status="404"'),
      invalid: request('method="GET",route="/feeds/:id",status="400"'),
      unmatched: request('method="GET",route="unmatched",status="404"'),
    };
    const status = async (path: string) => (await fetch(`${base}${path}`)).status;
    const metricsText = async () => (await fetch(`${base}/metrics`)).text();
    const growth = await seriesGrowth(metricsText, series, async () => {
      expect(await status('/feeds')).toBe(200);
      for (const id of ['0123456789abcdef0123456789abcdef', 'fedcba9876543210fedcba9876543210'])
        expect(await status(`/feeds/${id}`)).toBe(404);
      expect(await status('/feeds/not-an-id')).toBe(400);
      for (const path of ['/wp-login.php', '/.env', '/feeds/x/y/z']) expect(await status(path)).toBe(404);
    });
    expect(growth).toEqual({ list: 1, notFound: 2, invalid: 1, unmatched: 3 });
  }, 60_000);
});
