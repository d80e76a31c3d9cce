import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { IncomingHttpHeaders } from 'node:http';
import { readFileSync } from 'node:fs';
import { TOPICS } from '@news/contracts';
import { HttpFetcher } from '@news/http-fetch';
import { connectProducer, createKafka, EventPublisher } from '@news/messaging';
import { ProgressCounters } from '@news/observability';
import { ensureDatabase } from '@news/runtime';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { PoliteFetcher, type ResourceFetcher } from '../src/politeness/polite-fetcher.js';
import { FETCHER_COUNTERS, FeedPoller, type FetcherCounter } from '../src/polling/feed-poller.service.js';
import { PollScheduler } from '../src/polling/poll-scheduler.js';
import { scheduleSettings, type ScheduleSettings } from '../src/schedule/intervals.js';
import { fetcherDataSourceOptions } from '../src/state/data-source-options.js';
import { FeedRepository } from '../src/state/feed.repository.js';
import { ItemStateRepository } from '../src/state/item-state.repository.js';
import { TestDatabase } from '../../../test/support/database.js';
import { KAFKA_BROKERS } from '../../../test/support/env.js';
import { FixtureServer, respond, rss, type Route } from '../../../test/support/fixture-server.js';
import { createPipelineTopics, recordTopic, type Received } from '../../../test/support/kafka.js';
import { captureLogger } from '../../../test/support/logger.js';
import { waitFor } from '../../../test/support/wait.js';

const page = readFileSync(new URL('../../../test/e2e/fixtures/jalali-only.html', import.meta.url));
const NOW = new Date('2026-11-27T10:00:00.000Z');

interface FeedRow {
  etag: string | null;
  last_modified: string | null;
  next_poll_at: Date;
  last_polled_at: Date;
  consecutive_failures: number;
  unhealthy: boolean;
  last_http_status: number | null;
  active: boolean;
}

describe('feed state, conditional GET, schedule and politeness on real PostgreSQL and Kafka', () => {
  const db = new TestDatabase();
  /** Request headers per path, in order. */
  const seen = new Map<string, IncomingHttpHeaders[]>();
  const record =
    (route: Route): Route =>
    (req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      seen.set(path, [...(seen.get(path) ?? []), req.headers]);
      route(req, res);
    };
  /** Most requests in flight at once per Host header, counted by the server. */
  const maxInFlight = new Map<string, number>();
  const inFlight = new Map<string, number>();
  const counted =
    (route: Route): Route =>
    (req, res) => {
      const host = req.headers.host ?? '';
      inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
      maxInFlight.set(host, Math.max(maxInFlight.get(host) ?? 0, inFlight.get(host) ?? 0));
      res.on('finish', () => inFlight.set(host, (inFlight.get(host) ?? 1) - 1));
      // Held open a moment so that concurrent requests overlap.
      setTimeout(() => route(req, res), 100);
    };

  let etagFeed = '';
  let lastModifiedFeed = '';
  let busyFeed = '';
  let manyPagesFeed = '';
  let jsonFeed = '';
  const server = new FixtureServer({
    '/etag-feed': record((req, res) =>
      req.headers['if-none-match'] === '"v1"'
        ? // Some servers send other validators with a 304; they must not replace ours.
          res.writeHead(304, { etag: '"other"' }).end()
        : respond(200, 'application/rss+xml', etagFeed, { etag: '"v1"' })(req, res),
    ),
    '/lm-feed': record((req, res) =>
      req.headers['if-modified-since'] === 'Wed, 25 Nov 2026 08:00:00 GMT'
        ? res.writeHead(304).end()
        : respond(200, 'application/rss+xml', lastModifiedFeed, {
            'last-modified': 'Wed, 25 Nov 2026 08:00:00 GMT',
          })(req, res),
    ),
    '/busy-feed': respond(503, 'text/html', 'busy', { 'retry-after': '3600' }),
    '/limited-feed': respond(429, 'text/html', 'slow down', {
      'retry-after': 'Fri, 27 Nov 2026 12:00:00 GMT',
    }),
    '/down-feed': respond(500, 'text/html', 'down'),
    '/cached-feed': (req, res) =>
      respond(200, 'application/rss+xml', busyFeed, { 'cache-control': 'max-age=7200' })(req, res),
    '/many-feed': (req, res) => respond(200, 'application/rss+xml', manyPagesFeed)(req, res),
    '/feed.json': (req, res) => respond(200, 'application/feed+json', jsonFeed)(req, res),
    '/page-etag': respond(200, 'text/html; charset=utf-8', page),
    '/page-lm': respond(200, 'text/html; charset=utf-8', page),
    '/page-json': respond(200, 'text/html; charset=utf-8', page),
    ...Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [
        `/many/${i}`,
        counted(respond(200, 'text/html; charset=utf-8', page)),
      ]),
    ),
  });
  let dataSource: DataSource;
  let producer: Producer;
  let http: HttpFetcher;
  let raw: { messages: Received[]; stop: () => Promise<void> };
  let status: { messages: Received[]; stop: () => Promise<void> };
  const log = captureLogger();
  const counters = new ProgressCounters<FetcherCounter>('fetcher', FETCHER_COUNTERS);
  const newPoller = (
    options: { schedule?: ScheduleSettings; fetcher?: ResourceFetcher; pageConcurrency?: number } = {},
  ) =>
    new FeedPoller({
      http: options.fetcher ?? http,
      feeds: new FeedRepository(dataSource),
      items: new ItemStateRepository(dataSource),
      publisher: new EventPublisher(producer, 'fetcher'),
      counters,
      logger: log.logger,
      schedule: options.schedule ?? scheduleSettings(60, 60, 86_400),
      pageConcurrency: options.pageConcurrency,
      clock: () => NOW,
      random: () => 0.5, // no jitter: exact expectations
    });
  const feedRow = async (url: string): Promise<FeedRow> =>
    (await dataSource.query('SELECT * FROM fetcher_feeds WHERE url = $1', [url]))[0];
  const statusOf = (url: string) =>
    status.messages.map((m) => JSON.parse(m.value ?? '{}')).filter((e) => e.feedUrl === url);

  beforeAll(async () => {
    await server.listen();
    etagFeed = rss('etag', server.url('/'), [{ title: 'e', link: server.url('/page-etag') }]);
    lastModifiedFeed = rss('lm', server.url('/'), [{ title: 'l', link: server.url('/page-lm') }]);
    busyFeed = rss('cached', server.url('/'), []);
    manyPagesFeed = rss(
      'many',
      server.url('/'),
      Array.from({ length: 6 }, (_, i) => ({ title: `m${i}`, link: server.url(`/many/${i}`) })),
    );
    jsonFeed = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'JSON',
      home_page_url: server.url('/'),
      items: [
        { id: 'json-1', url: '/page-json', title: 'از JSON Feed', date_published: '2026-11-27T09:00:00Z' },
      ],
    });
    await ensureDatabase(db.url);
    dataSource = await new DataSource(fetcherDataSourceOptions(db.url)).initialize();
    await createPipelineTopics();
    producer = await connectProducer(
      createKafka({ brokers: KAFKA_BROKERS.split(','), clientId: 'fetcher-schedule-test' }, log.logger),
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

  it('sends If-None-Match from the stored ETag, publishes nothing on 304, and keeps its validator', async () => {
    const url = server.url('/etag-feed');
    const first = await newPoller().poll(url);
    expect(first).toMatchObject({ outcome: 'ok', httpStatus: 200, newItems: 1, published: 1 });
    expect((await feedRow(url)).etag).toBe('"v1"');

    const before = server.requests.length;
    const second = await newPoller().poll(url);
    expect(second).toMatchObject({ outcome: 'not-modified', httpStatus: 304, newItems: 0, published: 0 });
    expect(seen.get('/etag-feed')?.map((h) => h['if-none-match'])).toEqual([undefined, '"v1"']);
    // Only the feed was asked for: no page fetched, so nothing could be published again.
    expect(server.requests.slice(before)).toEqual(['/etag-feed']);
    expect(await feedRow(url)).toMatchObject({
      etag: '"v1"',
      last_http_status: 304,
      consecutive_failures: 0,
    });

    const events = await waitFor('two status events', async () =>
      statusOf(url).length >= 2 ? statusOf(url) : undefined,
    );
    expect(events.map((e) => [e.outcome, e.httpStatus])).toEqual([
      ['ok', 200],
      ['not-modified', 304],
    ]);
    expect(raw.messages.filter((m) => JSON.parse(m.value ?? '{}').feedUrl === url)).toHaveLength(1);
  }, 60_000);

  it('sends If-Modified-Since from the stored Last-Modified and takes 304 as no change', async () => {
    const url = server.url('/lm-feed');
    expect(await newPoller().poll(url)).toMatchObject({ outcome: 'ok', published: 1 });
    expect(await newPoller().poll(url)).toMatchObject({ outcome: 'not-modified', published: 0 });
    expect(seen.get('/lm-feed')?.map((h) => h['if-modified-since'])).toEqual([
      undefined,
      'Wed, 25 Nov 2026 08:00:00 GMT',
    ]);
    expect((await feedRow(url)).last_modified).toBe('Wed, 25 Nov 2026 08:00:00 GMT');
  }, 60_000);

  it.each([
    ['/busy-feed', 503, '2026-11-27T11:00:00.000Z'], // Retry-After: 3600
    ['/limited-feed', 429, '2026-11-27T12:00:00.000Z'], // Retry-After as an HTTP-date
  ])(
    'honors Retry-After of %s in next_poll_at',
    async (path, httpStatus, expected) => {
      const result = await newPoller().poll(server.url(path));
      expect(result).toMatchObject({ outcome: 'error', httpStatus });
      const row = await feedRow(server.url(path));
      expect(row.next_poll_at.toISOString()).toBe(expected);
      expect(row.last_polled_at.toISOString()).toBe(NOW.toISOString());
    },
    60_000,
  );

  it('honors Cache-Control max-age of a feed in next_poll_at', async () => {
    await newPoller().poll(server.url('/cached-feed'));
    expect((await feedRow(server.url('/cached-feed'))).next_poll_at.toISOString()).toBe(
      '2026-11-27T12:00:00.000Z',
    );
  }, 60_000);

  it('backs off exponentially and marks a failing feed unhealthy, still scheduling it', async () => {
    const url = server.url('/down-feed');
    const schedule = scheduleSettings(60, 60, 600, 3);
    const rows: [number, number, boolean][] = [];
    for (let i = 0; i < 5; i++) {
      await newPoller({ schedule }).poll(url);
      const row = await feedRow(url);
      rows.push([
        (row.next_poll_at.getTime() - NOW.getTime()) / 1000,
        row.consecutive_failures,
        row.unhealthy,
      ]);
    }
    expect(rows).toEqual([
      [60, 1, false],
      [120, 2, false],
      [240, 3, true],
      [480, 4, true],
      [600, 5, true], // the ceiling
    ]);
    expect(log.lines('feed marked unhealthy').filter((l) => l.feedUrl === url)).toHaveLength(1);
  }, 60_000);

  it('never has more than two requests in flight to one host', async () => {
    const polite = new PoliteFetcher(http, { globalConcurrency: 8, perHostConcurrency: 2, hostDelayMs: 0 });
    const result = await newPoller({ fetcher: polite, pageConcurrency: 6 }).poll(server.url('/many-feed'));
    expect(result).toMatchObject({ outcome: 'ok', newItems: 6, published: 6 });
    const host = new URL(server.url('/')).host;
    expect(maxInFlight.get(host)).toBe(2);
  }, 60_000);

  it('publishes the page of a JSON Feed item end to end', async () => {
    const url = server.url('/feed.json');
    expect(await newPoller().poll(url)).toMatchObject({ outcome: 'ok', newItems: 1, published: 1 });
    const event = await waitFor('raw event of the JSON Feed', async () =>
      raw.messages.map((m) => JSON.parse(m.value ?? '{}')).find((e) => e.feedUrl === url),
    );
    expect(event).toMatchObject({
      requestedUrl: server.url('/page-json'),
      item: { guid: 'json-1', title: 'از JSON Feed', publishedAt: '2026-11-27T09:00:00.000Z' },
    });
  }, 60_000);

  it('synchronizes the feed list: adds new feeds, keeps removed ones inactive, reactivates returning ones', async () => {
    const feeds = new FeedRepository(dataSource);
    const [a, b] = ['https://sync.example/a', 'https://sync.example/b'];
    // The feeds of the tests above leave the list here, which deactivates them too.
    expect((await feeds.sync([a, b], 300)).added).toEqual([a, b]);
    expect(await feeds.sync([a], 300)).toEqual({ added: [], deactivated: [b] });
    expect((await feedRow(b)).active).toBe(false);
    expect(await feeds.sync([a, b], 300)).toEqual({ added: [], deactivated: [] });
    expect((await feedRow(b)).active).toBe(true);
  }, 60_000);

  it('polls only the feeds that are due', async () => {
    const feeds = new FeedRepository(dataSource);
    const [due, later, removed] = ['https://due.example/a', 'https://due.example/b', 'https://due.example/c'];
    await feeds.sync([due, later, removed], 300);
    await feeds.sync([due, later], 300); // `removed` leaves the list
    await dataSource.query(
      `UPDATE fetcher_feeds SET next_poll_at = CASE url WHEN $1 THEN now() + interval '1 hour' ELSE next_poll_at END
       WHERE url LIKE 'https://due.example/%'`,
      [later],
    );
    // Everything else in this database is due too; record only what the scheduler picks from these three.
    const polled: string[] = [];
    const scheduler = new PollScheduler(
      {
        poll: async (feedUrl) => {
          polled.push(feedUrl);
          return {
            feedUrl,
            outcome: 'not-modified',
            httpStatus: 304,
            newItems: 0,
            published: 0,
            failed: 0,
            error: null,
            nextPollAt: NOW,
          };
        },
      },
      feeds,
      100,
      log.logger,
    );
    await scheduler.tick();
    await scheduler.idle();
    expect(polled.filter((u) => u.startsWith('https://due.example/'))).toEqual([due]);
  }, 60_000);

  it('prunes seen-items older than the retention or beyond the cap, never those still in the feed', async () => {
    const items = new ItemStateRepository(dataSource);
    const feed = 'https://prune.example/rss';
    for (const [key, age] of [
      ['k-old-in-feed', 200],
      ['k-old', 200],
      ['k-1', 3],
      ['k-2', 2],
      ['k-3', 1],
    ] as const) {
      await items.markPublished(feed, key, `https://prune.example/${key}`);
      await dataSource.query(
        `UPDATE fetcher_item_state SET updated_at = now() - make_interval(days => $3)
         WHERE feed_url = $1 AND item_key = $2`,
        [feed, key, age],
      );
    }
    // 90 days, at most 3 items: k-old goes for its age, k-1 for the cap; the feed still holds k-old-in-feed.
    expect(await items.prune(feed, ['k-old-in-feed'], 90, 3)).toBe(2);
    const left = await dataSource.query(
      'SELECT item_key FROM fetcher_item_state WHERE feed_url = $1 ORDER BY item_key',
      [feed],
    );
    expect(left.map((r: { item_key: string }) => r.item_key)).toEqual(['k-2', 'k-3', 'k-old-in-feed']);
  }, 60_000);
});
