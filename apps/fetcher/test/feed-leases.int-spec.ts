import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ServerResponse } from 'node:http';
import { HttpFetcher } from '@news/http-fetch';
import { connectProducer, createKafka, EventPublisher } from '@news/messaging';
import { ProgressCounters } from '@news/observability';
import { ensureDatabase } from '@news/runtime';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { FETCHER_COUNTERS, FeedPoller, type FetcherCounter } from '../src/polling/feed-poller.service.js';
import { PollScheduler } from '../src/polling/poll-scheduler.js';
import { scheduleSettings } from '../src/schedule/intervals.js';
import { fetcherDataSourceOptions } from '../src/state/data-source-options.js';
import { FeedRepository } from '../src/state/feed.repository.js';
import { ItemStateRepository } from '../src/state/item-state.repository.js';
import { TestDatabase } from '../../../test/support/database.js';
import { KAFKA_BROKERS } from '../../../test/support/env.js';
import { FixtureServer, respond, rss, type Route } from '../../../test/support/fixture-server.js';
import { createPipelineTopics } from '../../../test/support/kafka.js';
import { captureLogger } from '../../../test/support/logger.js';
import { waitFor } from '../../../test/support/wait.js';

const FEEDS = 20;
const CONCURRENCY = 4;
const LEASE_SECONDS = 30;
type Agent = 'instance-a' | 'instance-b';

/**
 * Two fetcher instances (each its own connection pool, HTTP client, poller
 * and scheduler) share one database. Time is the schedulers' clock, moved by
 * the test, and the schedulers are stepped tick by tick: every expectation
 * is a count.
 */
describe('several fetcher instances share the feeds through leases in PostgreSQL', () => {
  const db = new TestDatabase();
  const paths = Array.from({ length: FEEDS }, (_, i) => `/feeds/${i}`);
  /** Requests per feed path and instance (told apart by User-Agent). */
  const requests = new Map<string, Record<Agent, number>>();
  const countOf = (path: string, agent?: Agent): number => {
    const c = requests.get(path) ?? { 'instance-a': 0, 'instance-b': 0 };
    return agent ? c[agent] : c['instance-a'] + c['instance-b'];
  };
  /** While set, requests of this instance are held unanswered: it dies with them in flight. */
  let holdAgent: Agent | undefined;
  const held: { path: string; res: ServerResponse }[] = [];
  let feedBody = '';
  const counted: Route = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const agent = req.headers['user-agent'] as Agent;
    const c = requests.get(path) ?? { 'instance-a': 0, 'instance-b': 0 };
    c[agent] += 1;
    requests.set(path, c);
    if (agent === holdAgent) held.push({ path, res });
    else respond(200, 'application/rss+xml', feedBody)(req, res);
  };
  const server = new FixtureServer(Object.fromEntries(paths.map((p) => [p, counted])));

  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  const log = captureLogger();
  let producer: Producer;
  let admin: DataSource;

  interface Instance {
    dataSource: DataSource;
    http: HttpFetcher;
    scheduler: PollScheduler;
  }
  const instances: Instance[] = [];
  const startInstance = async (agent: Agent): Promise<Instance> => {
    const dataSource = await new DataSource(fetcherDataSourceOptions(db.url)).initialize();
    const http = new HttpFetcher({ userAgent: agent, allowPrivateNetworks: true });
    const feeds = new FeedRepository(dataSource);
    const poller = new FeedPoller({
      http,
      feeds,
      items: new ItemStateRepository(dataSource),
      publisher: new EventPublisher(producer, 'fetcher'),
      counters: new ProgressCounters<FetcherCounter>('fetcher', FETCHER_COUNTERS),
      logger: log.logger.child({ instance: agent }),
      // Polled once, a feed is not due again within the test.
      schedule: scheduleSettings(3600, 3600, 86_400),
      clock,
      random: () => 0.5,
    });
    const scheduler = new PollScheduler(poller, feeds, CONCURRENCY, log.logger, {
      clock,
      owner: agent,
      leaseSeconds: LEASE_SECONDS,
    });
    const instance = { dataSource, http, scheduler };
    instances.push(instance);
    return instance;
  };

  /** Steps the schedulers together until a round starts no poll; returns the polls each one started. */
  const runCycle = async (schedulers: PollScheduler[]): Promise<number[]> => {
    const started = schedulers.map(() => 0);
    for (let round = 0; round < 50; round++) {
      await Promise.all(schedulers.map((s) => s.tick()));
      const polling = schedulers.map((s) => s.polling.length);
      polling.forEach((n, i) => (started[i] += n));
      if (polling.every((n) => n === 0)) return started;
      await Promise.all(schedulers.map((s) => s.idle()));
    }
    throw new Error('the schedulers never ran out of due feeds');
  };
  const makeAllDue = async () => admin.query('UPDATE fetcher_feeds SET next_poll_at = $1', [clock()]);
  const byUrl = (x: { url: string }, y: { url: string }) => (x.url < y.url ? -1 : x.url > y.url ? 1 : 0);
  const leases = async (): Promise<{ url: string; lease_owner: string }[]> =>
    (await admin.query('SELECT url, lease_owner FROM fetcher_feeds WHERE lease_owner IS NOT NULL')).sort(
      byUrl,
    );

  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    await server.listen();
    feedBody = rss('shared', server.url('/'), []);
    await ensureDatabase(db.url);
    admin = await new DataSource(fetcherDataSourceOptions(db.url)).initialize();
    await createPipelineTopics();
    producer = await connectProducer(
      createKafka({ brokers: KAFKA_BROKERS.split(','), clientId: 'fetcher-leases-test' }, log.logger),
    );
    a = await startInstance('instance-a');
    b = await startInstance('instance-b');
    // Both instances synchronize the same list at start, as they would in production.
    await new FeedRepository(a.dataSource).sync(
      paths.map((p) => server.url(p)),
      3600,
    );
    await new FeedRepository(b.dataSource).sync(
      paths.map((p) => server.url(p)),
      3600,
    );
  }, 60_000);

  afterAll(async () => {
    holdAgent = undefined;
    for (const { res } of held) res.destroy();
    await server.close();
    for (const instance of instances) {
      await instance.scheduler.idle();
      await instance.http.close();
      await instance.dataSource.destroy();
    }
    await producer.disconnect();
    await admin.destroy();
    await db.drop();
  }, 60_000);

  it('polls every feed exactly once per cycle, the two instances sharing the work', async () => {
    const first = await runCycle([a.scheduler, b.scheduler]);
    expect(paths.map((p) => countOf(p))).toEqual(paths.map(() => 1));
    // Both claimed a full batch in the first round: the work was shared.
    expect(first[0]).toBeGreaterThanOrEqual(CONCURRENCY);
    expect(first[1]).toBeGreaterThanOrEqual(CONCURRENCY);
    expect(first[0] + first[1]).toBe(FEEDS);
    expect(await leases()).toEqual([]);

    await makeAllDue();
    const second = await runCycle([a.scheduler, b.scheduler]);
    expect(second[0] + second[1]).toBe(FEEDS);
    expect(paths.map((p) => countOf(p))).toEqual(paths.map(() => 2));
    expect(await leases()).toEqual([]);
  }, 60_000);

  it('leaves the feeds of a dead instance alone until their leases expire, then polls them', async () => {
    const before = new Map(paths.map((p) => [p, countOf(p)]));
    const bBefore = new Map(paths.map((p) => [p, countOf(p, 'instance-b')]));
    /** [path, requests in this cycle, of them by B]. */
    const cycle = (p: string) => [
      p,
      countOf(p) - (before.get(p) ?? 0),
      countOf(p, 'instance-b') - (bBefore.get(p) ?? 0),
    ];
    await makeAllDue();

    // Instance A claims its batch and dies with the requests in flight, its leases unreleased.
    holdAgent = 'instance-a';
    await a.scheduler.tick();
    await waitFor('A holding its batch', async () => (held.length === CONCURRENCY ? true : undefined));
    a.scheduler.abandon();
    const orphaned = held.map((h) => h.path);
    expect(await leases()).toEqual(
      orphaned.map((p) => ({ url: server.url(p), lease_owner: 'instance-a' })).sort(byUrl),
    );

    // B polls everything else, and not the leased feeds: their leases have not run out.
    expect(await runCycle([b.scheduler])).toEqual([FEEDS - CONCURRENCY]);
    expect(paths.map(cycle)).toEqual(paths.map((p) => (orphaned.includes(p) ? [p, 1, 0] : [p, 1, 1])));

    // Once the leases have expired, B takes the orphaned feeds over, each polled exactly once more.
    offsetMs += (LEASE_SECONDS + 1) * 1000;
    expect(await runCycle([b.scheduler])).toEqual([CONCURRENCY]);
    expect(paths.map(cycle)).toEqual(paths.map((p) => (orphaned.includes(p) ? [p, 2, 1] : [p, 1, 1])));
    expect(await leases()).toEqual([]);
    const [due] = await admin.query('SELECT count(*)::int AS n FROM fetcher_feeds WHERE next_poll_at <= $1', [
      clock(),
    ]);
    expect(due.n).toBe(0);
  }, 60_000);
});
