import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { HttpFetcher } from '@news/http-fetch';
import { connectProducer, createKafka, EventPublisher } from '@news/messaging';
import { ProgressCounters } from '@news/observability';
import { ensureDatabase } from '@news/runtime';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { LIMITS } from '../src/config.js';
import { RobotsPolicy } from '../src/politeness/robots-policy.js';
import { FETCHER_COUNTERS, FeedPoller, type FetcherCounter } from '../src/polling/feed-poller.service.js';
import { scheduleSettings } from '../src/schedule/intervals.js';
import { fetcherDataSourceOptions } from '../src/state/data-source-options.js';
import { FeedRepository } from '../src/state/feed.repository.js';
import { ItemStateRepository } from '../src/state/item-state.repository.js';
import { TestDatabase } from '../../../test/support/database.js';
import { KAFKA_BROKERS } from '../../../test/support/env.js';
import { FixtureServer, respond, rss } from '../../../test/support/fixture-server.js';
import { createPipelineTopics } from '../../../test/support/kafka.js';
import { captureLogger } from '../../../test/support/logger.js';

const page = readFileSync(new URL('../../../test/e2e/fixtures/jalali-only.html', import.meta.url));
const USER_AGENT = 'NewsIngestionBot/0.1 (+https://news-ingestion.example/about)';

/** Article pages and robots.txt, on real PostgreSQL and Kafka, through the guarded HTTP client. */
describe('robots.txt for article pages', () => {
  const db = new TestDatabase();
  const log = captureLogger();
  const counters = new ProgressCounters<FetcherCounter>('fetcher', FETCHER_COUNTERS);
  // The * group allows all: only the group of our product token forbids /private/.
  const site = new FixtureServer({
    '/robots.txt': respond(
      200,
      'text/plain',
      'User-agent: *\nAllow: /\n\nUser-agent: NewsIngestionBot\nDisallow: /private/\n',
    ),
    '/rss': (req, res) =>
      respond(
        200,
        'application/rss+xml',
        rss('site', site.url('/'), [
          { title: 'public', link: site.url('/public/1') },
          { title: 'private', link: site.url('/private/2') },
        ]),
      )(req, res),
    '/public/1': respond(200, 'text/html; charset=utf-8', page),
    '/private/2': respond(200, 'text/html; charset=utf-8', page),
  });
  let robotsDown = true;
  const failing = new FixtureServer({
    '/robots.txt': (req, res) =>
      robotsDown
        ? respond(503, 'text/plain', 'busy')(req, res)
        : respond(404, 'text/plain', 'none')(req, res),
    '/rss': (req, res) =>
      respond(
        200,
        'application/rss+xml',
        rss('failing', failing.url('/'), [{ title: 'a', link: failing.url('/a') }]),
      )(req, res),
    '/a': respond(200, 'text/html; charset=utf-8', page),
  });
  let dataSource: DataSource;
  let producer: Producer;
  let http: HttpFetcher;
  let poller: FeedPoller;
  const itemState = (feedUrl: string, link: string) =>
    db.query<{ status: string; attempts: number; last_error: string | null }>(
      'SELECT status, attempts, last_error FROM fetcher_item_state WHERE feed_url = $1 AND item_key = $2',
      [feedUrl, link],
    );

  beforeAll(async () => {
    await site.listen();
    await failing.listen();
    await ensureDatabase(db.url);
    dataSource = await new DataSource(fetcherDataSourceOptions(db.url)).initialize();
    await createPipelineTopics();
    producer = await connectProducer(
      createKafka({ brokers: KAFKA_BROKERS.split(','), clientId: 'fetcher-robots-test' }, log.logger),
    );
    http = new HttpFetcher({ userAgent: USER_AGENT, allowPrivateNetworks: true });
    poller = new FeedPoller({
      http,
      // A robots.txt that could not be read is asked for again at once: the test steps through recovery.
      robots: new RobotsPolicy(
        http,
        { userAgent: USER_AGENT, limits: LIMITS.robots, ttlSeconds: 3600, errorTtlSeconds: 0 },
        log.logger,
      ),
      feeds: new FeedRepository(dataSource),
      items: new ItemStateRepository(dataSource),
      publisher: new EventPublisher(producer, 'fetcher'),
      counters,
      logger: log.logger,
      schedule: scheduleSettings(300, 120, 86_400),
    });
  }, 60_000);

  afterAll(async () => {
    await producer?.disconnect();
    await http?.close();
    await dataSource?.destroy();
    await site.close();
    await failing.close();
    await db.drop();
  }, 60_000);

  it('does not fetch a page robots.txt disallows for our User-Agent, and gives it up with the reason', async () => {
    const feedUrl = site.url('/rss');
    expect(await poller.poll(feedUrl)).toMatchObject({ outcome: 'ok', newItems: 2, published: 1, failed: 1 });
    expect(site.requests).toContain('/public/1');
    expect(site.requests).not.toContain('/private/2');
    expect(await itemState(feedUrl, site.url('/private/2'))).toEqual([
      { status: 'gave-up', attempts: 1, last_error: `robots.txt disallows (${site.url('/private/2')})` },
    ]);
    expect(await counters.value('pages-robots-disallowed')).toBe(1);
    const logged = log.lines('article page failed').find((l) => l.url === site.url('/private/2'));
    expect(logged).toMatchObject({
      willRetry: false,
      reason: expect.stringContaining('robots.txt disallows'),
    });

    // Given up, the page is not tried again; robots.txt was read once for the host.
    expect(await poller.poll(feedUrl)).toMatchObject({ outcome: 'ok', newItems: 0 });
    expect(site.requests.filter((r) => r === '/robots.txt')).toHaveLength(1);
    expect(site.requests).not.toContain('/private/2');
    expect(await counters.value('pages-robots-disallowed')).toBe(1);
  }, 60_000);

  it('holds pages back while robots.txt answers 5xx, then fetches them once it answers 404', async () => {
    const feedUrl = failing.url('/rss');
    expect(await poller.poll(feedUrl)).toMatchObject({ outcome: 'ok', published: 0, failed: 1 });
    expect(failing.requests).not.toContain('/a');
    const [held] = await itemState(feedUrl, failing.url('/a'));
    expect(held).toMatchObject({ status: 'failed', attempts: 1 });
    expect(held.last_error).toContain('robots.txt unavailable, retried later: HTTP 503');

    robotsDown = false;
    expect(await poller.poll(feedUrl)).toMatchObject({ outcome: 'ok', published: 1, failed: 0 });
    expect(failing.requests).toContain('/a');
    expect(await itemState(feedUrl, failing.url('/a'))).toMatchObject([{ status: 'published' }]);
    expect(await counters.value('pages-robots-disallowed')).toBe(1);
  }, 60_000);
});
