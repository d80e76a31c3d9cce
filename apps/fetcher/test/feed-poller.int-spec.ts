import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { TOPICS } from '@news/contracts';
import { HttpFetcher } from '@news/http-fetch';
import { connectProducer, createKafka, EventPublisher } from '@news/messaging';
import { ProgressCounters } from '@news/observability';
import { ensureDatabase } from '@news/runtime';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { LIMITS } from '../src/config.js';
import { FETCHER_COUNTERS, FeedPoller, type FetcherCounter } from '../src/polling/feed-poller.service.js';
import { scheduleSettings } from '../src/schedule/intervals.js';
import { fetcherDataSourceOptions } from '../src/state/data-source-options.js';
import { FeedRepository } from '../src/state/feed.repository.js';
import { ItemStateRepository } from '../src/state/item-state.repository.js';
import { TestDatabase } from '../../../test/support/database.js';
import { KAFKA_BROKERS } from '../../../test/support/env.js';
import { FixtureServer, respond, rss } from '../../../test/support/fixture-server.js';
import { createPipelineTopics, recordTopic, type Received } from '../../../test/support/kafka.js';
import { captureLogger } from '../../../test/support/logger.js';
import { waitFor } from '../../../test/support/wait.js';

const page = readFileSync(new URL('../../../test/e2e/fixtures/jalali-only.html', import.meta.url));

describe('FeedPoller on real PostgreSQL and Kafka', () => {
  const db = new TestDatabase();
  let flaky = 0;
  const server = new FixtureServer({
    '/feed-404': respond(404, 'text/html', 'no such feed'),
    '/feed-slow': () => undefined, // never answers
    '/feed-html': respond(200, 'text/html', '<!doctype html><html><body><h1>Home page</h1></body></html>'),
    '/feed-malformed': respond(
      200,
      'application/rss+xml',
      '<?xml version="1.0"?><rss><channel><item><title>a</item>',
    ),
    '/feed-good': (req, res) => respond(200, 'application/rss+xml', goodFeed)(req, res),
    '/page-ok': respond(200, 'text/html; charset=utf-8', page),
    '/page-pdf': respond(200, 'application/pdf', '%PDF-1.7'),
    '/page-huge': respond(200, 'text/html', Buffer.alloc(LIMITS.page.maxBytes + 1, 0x61)),
    '/page-bomb': respond(200, 'text/html', gzipSync(Buffer.alloc(LIMITS.page.maxBytes + 1, 0x61)), {
      'content-encoding': 'gzip',
    }),
    '/page-flaky': (req, res) =>
      flaky++ === 0 ? respond(503, 'text/html', 'busy')(req, res) : respond(200, 'text/html', page)(req, res),
  });
  let goodFeed = '';
  let dataSource: DataSource;
  let producer: Producer;
  let http: HttpFetcher;
  let raw: { messages: Received[]; stop: () => Promise<void> };
  let status: { messages: Received[]; stop: () => Promise<void> };
  const log = captureLogger();
  const counters = new ProgressCounters<FetcherCounter>('fetcher', FETCHER_COUNTERS);
  const newPoller = () =>
    new FeedPoller({
      http,
      feeds: new FeedRepository(dataSource),
      items: new ItemStateRepository(dataSource),
      publisher: new EventPublisher(producer, 'fetcher'),
      counters,
      logger: log.logger,
      schedule: scheduleSettings(300, 120, 86_400),
      limits: { ...LIMITS, feed: { ...LIMITS.feed, timeoutMs: 1500 } },
    });

  beforeAll(async () => {
    await server.listen();
    goodFeed = rss('feed', server.url('/'), [
      { title: 'ok', link: server.url('/page-ok') },
      { title: 'pdf', link: server.url('/page-pdf') },
      { title: 'huge', link: server.url('/page-huge') },
      { title: 'bomb', link: server.url('/page-bomb') },
      { title: 'flaky', link: server.url('/page-flaky') },
      { title: 'missing', link: server.url('/page-missing') },
    ]);
    await ensureDatabase(db.url);
    dataSource = await new DataSource(fetcherDataSourceOptions(db.url)).initialize();
    await createPipelineTopics();
    producer = await connectProducer(
      createKafka({ brokers: KAFKA_BROKERS.split(','), clientId: 'fetcher-test' }, log.logger),
    );
    http = new HttpFetcher({ userAgent: 'test', allowPrivateNetworks: true });
    raw = await recordTopic(TOPICS.rawArticles);
    status = await recordTopic(TOPICS.feedStatus);
  }, 60_000);

  afterAll(async () => {
    await raw.stop();
    await status.stop();
    await producer.disconnect();
    await http.close();
    await dataSource.destroy();
    await server.close();
    await db.drop();
  }, 60_000);

  it.each([
    ['/feed-404', 'HTTP 404', 404],
    ['/feed-slow', 'timed out', null],
    ['/feed-html', 'not a feed: the document is HTML', 200],
    ['/feed-malformed', 'malformed feed XML', 200],
  ])(
    'reports a bad feed %s as an error naming the reason, and keeps going',
    async (path, reason, httpStatus) => {
      const result = await newPoller().poll(server.url(path));
      expect(result).toMatchObject({ outcome: 'error', httpStatus, newItems: 0, published: 0 });
      expect(result.error).toContain(reason);
      const logged = log.lines('feed poll failed').find((l) => l.feedUrl === server.url(path));
      expect(String(logged?.reason)).toContain(reason);
      const event = await waitFor('feed status event', async () =>
        status.messages.find((m) => JSON.parse(m.value ?? '{}').feedUrl === server.url(path)),
      );
      expect(JSON.parse(event.value ?? '{}')).toMatchObject({
        outcome: 'error',
        httpStatus,
        error: expect.stringContaining(reason),
      });
    },
    30_000,
  );

  it('publishes the good page, gives up on bad pages with the reason, and retries the failed one later', async () => {
    const first = await newPoller().poll(server.url('/feed-good'));
    expect(first).toMatchObject({ outcome: 'ok', newItems: 6, published: 1, failed: 5 });

    const states = await dataSource.query(
      'SELECT item_key, status, attempts, last_error FROM fetcher_item_state ORDER BY item_key',
    );
    const byPath = Object.fromEntries(
      states.map((s: { item_key: string }) => [new URL(s.item_key).pathname, s]),
    ) as Record<string, { status: string; attempts: number; last_error: string | null }>;
    expect(byPath['/page-ok']).toMatchObject({ status: 'published', last_error: null });
    expect(byPath['/page-pdf']).toMatchObject({
      status: 'gave-up',
      last_error: expect.stringContaining('not an HTML page'),
    });
    expect(byPath['/page-huge']).toMatchObject({
      status: 'gave-up',
      last_error: expect.stringContaining('limit'),
    });
    expect(byPath['/page-bomb']).toMatchObject({
      status: 'gave-up',
      last_error: expect.stringContaining('limit'),
    });
    expect(byPath['/page-missing']).toMatchObject({
      status: 'gave-up',
      last_error: expect.stringContaining('HTTP 404'),
    });
    expect(byPath['/page-flaky']).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: expect.stringContaining('HTTP 503'),
    });
    for (const path of ['/page-pdf', '/page-huge', '/page-missing', '/page-flaky']) {
      expect(log.lines('article page failed').some((l) => l.url === server.url(path))).toBe(true);
    }

    // A new poller over the same database stands for a restart: only the flaky page is fetched again.
    const requestsBefore = server.requests.length;
    const second = await newPoller().poll(server.url('/feed-good'));
    expect(second).toMatchObject({ outcome: 'ok', newItems: 1, published: 1, failed: 0 });
    expect(server.requests.slice(requestsBefore)).toEqual(['/feed-good', '/page-flaky']);

    // The raw topic is shared with whatever else runs on the broker: only this feed's events count.
    const ofThisFeed = () =>
      raw.messages.filter((m) => JSON.parse(m.value ?? '{}').feedUrl === server.url('/feed-good'));
    const published = await waitFor('two raw events', async () =>
      ofThisFeed().length >= 2 ? ofThisFeed() : undefined,
    );
    expect(published.map((m) => JSON.parse(m.value ?? '{}').requestedUrl).sort()).toEqual([
      server.url('/page-flaky'),
      server.url('/page-ok'),
    ]);
    const event = JSON.parse(published[0].value ?? '{}');
    expect(event).toMatchObject({ feedUrl: server.url('/feed-good'), httpStatus: 200, charset: 'UTF-8' });
    expect(event.html).toContain('حقوق\u200cبگیران');
  }, 60_000);
});
