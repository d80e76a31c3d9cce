import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { PinoNestLogger } from '@news/observability';
import { ensureDatabase } from '@news/runtime';
import { DataSource } from 'typeorm';
import { loadFetcherConfig } from '../src/config.js';
import { createFetcherApp } from '../src/app.js';
import { parseOpml } from '../src/registry/opml.js';
import { fetcherDataSourceOptions } from '../src/state/data-source-options.js';
import { FeedRepository } from '../src/state/feed.repository.js';
import { AddFeedRegistry1795939200000, FETCHER_MIGRATIONS } from '../src/state/migrations.js';
import { TestDatabase } from '../../../test/support/database.js';
import { KAFKA_BROKERS } from '../../../test/support/env.js';
import { FixtureServer, freePort, respond, rss } from '../../../test/support/fixture-server.js';
import { createPipelineTopics } from '../../../test/support/kafka.js';
import { captureLogger } from '../../../test/support/logger.js';
import { waitFor } from '../../../test/support/wait.js';

interface Feed {
  id: string;
  url: string;
  title: string | null;
  origin: 'config' | 'api';
  status: 'active' | 'paused' | 'inactive';
  nextPollAt: string;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastHttpStatus: number | null;
  consecutiveFailures: number;
  meanLatencyMs: number | null;
  [field: string]: unknown;
}

/**
 * The feed registry API on the fetcher module as main.ts runs it (real
 * PostgreSQL and Kafka, its scheduler polling a fixture server), driven
 * over HTTP.
 */
describe('fetcher feed registry API', () => {
  const db = new TestDatabase();
  const log = captureLogger();
  const feedOf =
    (title: string) =>
    (req: Parameters<ReturnType<typeof respond>>[0], res: Parameters<ReturnType<typeof respond>>[1]) =>
      respond(200, 'application/rss+xml', rss(title, server.url('/'), []))(req, res);
  const server = new FixtureServer({
    '/config-rss': feedOf('Config feed'),
    '/a-rss': feedOf('Feed A'),
    '/b-rss': feedOf('Feed B'),
    '/untitled-rss': feedOf('Its own title'),
    '/opml-1': feedOf('one'),
    '/opml-2': feedOf('two'),
    '/site': (req, res) =>
      respond(
        200,
        'text/html; charset=utf-8',
        `<!doctype html><html><head><title>Site</title>
         <link rel="alternate" type="application/rss+xml" title="Site news" href="${server.url('/site-feed')}">
         </head><body>hello</body></html>`,
      )(req, res),
    '/site-feed': feedOf('Site news'),
    '/bare': respond(200, 'text/html', '<!doctype html><html><head></head><body>no feed links</body></html>'),
    // Probed paths at the root: /rss is a page (not a feed), /feed.xml a feed; the others are 404.
    '/rss': respond(200, 'text/html', '<!doctype html><html><body>a page</body></html>'),
    '/feed.xml': feedOf('Probed feed'),
  });
  const dir = mkdtempSync(join(tmpdir(), 'feeds-'));
  let app: INestApplication;
  let base = '';

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers:
        body === undefined || typeof body === 'string'
          ? headers
          : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = JSON.parse(text);
    } catch {
      // OPML, or an empty 204
    }
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: json as Record<string, unknown>,
    };
  };
  const requestsTo = (path: string) => server.requests.filter((r) => r === path).length;
  const getFeed = async (id: string) => (await call('GET', `/feeds/${id}`)).json as unknown as Feed;
  const listFeeds = async (query = '') =>
    (await call('GET', `/feeds${query}`)).json as unknown as { feeds: Feed[]; total: number };
  const addFeed = async (path: string, title?: string) => {
    const response = await call('POST', '/feeds', { url: server.url(path), ...(title ? { title } : {}) });
    expect(response.status).toBe(201);
    return response.json as unknown as Feed;
  };

  beforeAll(async () => {
    await server.listen();
    const feedsFile = join(dir, 'feeds.yaml');
    writeFileSync(
      feedsFile,
      `feeds:\n  - url: ${server.url('/config-rss')}\n    name: خبرهای پیکربندی‌شده\n`,
    );
    const port = await freePort();
    const config = loadFetcherConfig({
      FEEDS_FILE: feedsFile,
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
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('lists the feed of the feeds file with its name, origin and poll state', async () => {
    const { feeds, total } = await waitFor('the config feed polled', async () => {
      const page = await listFeeds();
      return page.feeds[0]?.lastSuccessAt ? page : undefined;
    });
    expect(total).toBe(1);
    expect(feeds[0]).toMatchObject({
      url: server.url('/config-rss'),
      title: 'خبرهای پیکربندی‌شده',
      origin: 'config',
      status: 'active',
      unhealthy: false,
      consecutiveFailures: 0,
      lastError: null,
      lastHttpStatus: 200,
      intervalSeconds: expect.any(Number),
    });
    expect(feeds[0].id).toMatch(/^[0-9a-f]{32}$/);
    expect(Object.keys(feeds[0]).sort()).toEqual(
      [
        'id',
        'url',
        'title',
        'origin',
        'status',
        'unhealthy',
        'etag',
        'lastModified',
        'nextPollAt',
        'intervalSeconds',
        'consecutiveFailures',
        'lastError',
        'lastHttpStatus',
        'lastSuccessAt',
        'lastPolledAt',
        'itemsPerDay',
        'meanLatencyMs',
        'createdAt',
      ].sort(),
    );
    expect(await getFeed(feeds[0].id)).toEqual(feeds[0]);
  }, 60_000);

  it('adds a feed (201), refuses it twice (409), polls it, and keeps the feed title when none was given', async () => {
    const added = await addFeed('/a-rss', 'Feed A by hand');
    expect(added).toMatchObject({
      url: server.url('/a-rss'),
      title: 'Feed A by hand',
      origin: 'api',
      status: 'active',
    });
    const again = await call('POST', '/feeds', { url: server.url('/a-rss') });
    expect(again.status).toBe(409);
    expect(again.json.message).toBe(`feed already registered as ${server.url('/a-rss')} (id ${added.id})`);
    // Another spelling of the same canonical URL is the same feed.
    expect((await call('POST', '/feeds', { url: server.url('/a-rss/') })).status).toBe(409);

    const untitled = await addFeed('/untitled-rss');
    expect(untitled.title).toBeNull();
    const polled = await waitFor('both polled', async () => {
      const [a, u] = [await getFeed(added.id), await getFeed(untitled.id)];
      return a.lastSuccessAt && u.lastSuccessAt ? { a, u } : undefined;
    });
    expect(polled.a.title).toBe('Feed A by hand');
    expect(polled.u.title).toBe('Its own title');
    expect(polled.a).toMatchObject({ lastHttpStatus: 200, consecutiveFailures: 0 });
    expect(requestsTo('/a-rss')).toBe(1);
  }, 60_000);

  it('does not poll a paused feed, keeps its state, and polls it again once resumed', async () => {
    const a = (await listFeeds()).feeds.find((f) => f.url === server.url('/a-rss')) as Feed;
    const paused = await call('POST', `/feeds/${a.id}/pause`);
    expect(paused.status).toBe(200);
    expect(paused.json).toMatchObject({
      status: 'paused',
      lastSuccessAt: a.lastSuccessAt,
      lastPolledAt: a.lastPolledAt,
    });
    expect((await listFeeds('?status=paused')).feeds.map((f) => f.id)).toEqual([a.id]);

    // Make it long overdue: were it not paused, the scheduler (claiming the most overdue first)
    // would take it no later than the feed added next.
    await db.query(`UPDATE fetcher_feeds SET next_poll_at = now() - interval '1 hour' WHERE id = $1`, [a.id]);
    const b = await addFeed('/b-rss');
    await waitFor('feed B polled', async () => ((await getFeed(b.id)).lastPolledAt ? true : undefined));
    const [row] = await db.query<{ lease_owner: string | null }>(
      'SELECT lease_owner FROM fetcher_feeds WHERE id = $1',
      [a.id],
    );
    expect(row.lease_owner).toBeNull();
    expect((await getFeed(a.id)).lastPolledAt).toBe(a.lastPolledAt);
    expect(requestsTo('/a-rss')).toBe(1);

    const resumed = await call('POST', `/feeds/${a.id}/resume`);
    expect(resumed.status).toBe(200);
    expect(resumed.json.status).toBe('active');
    expect(Date.parse(String(resumed.json.nextPollAt))).toBeLessThanOrEqual(Date.now());
    await waitFor('feed A polled again', async () => (requestsTo('/a-rss') === 2 ? true : undefined));
  }, 60_000);

  it('deletes feeds: 204, then 404; a config feed is said to come back from the file', async () => {
    const b = (await listFeeds()).feeds.find((f) => f.url === server.url('/b-rss')) as Feed;
    const deleted = await call('DELETE', `/feeds/${b.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get('x-feed-note')).toBeNull();
    expect((await call('GET', `/feeds/${b.id}`)).status).toBe(404);
    expect((await call('DELETE', `/feeds/${b.id}`)).json.message).toBe(`no feed with id "${b.id}"`);
    expect((await listFeeds()).feeds.map((f) => f.url)).not.toContain(server.url('/b-rss'));

    const configFeed = (await listFeeds()).feeds.find((f) => f.origin === 'config') as Feed;
    const gone = await call('DELETE', `/feeds/${configFeed.id}`);
    expect(gone.status).toBe(204);
    expect(gone.headers.get('x-feed-note')).toMatch(
      /comes back at the next start unless removed from the file/,
    );
  }, 60_000);

  it('imports OPML (nested, with invalid outlines) and exports it back as OPML 2.0 that round-trips', async () => {
    const opml = `<?xml version="1.0" encoding="UTF-8"?>
      <opml version="1.0"><head><title>mine</title></head><body>
        <outline text="Folder">
          <outline type="rss" text="One &amp; only" xmlUrl="${server.url('/opml-1')}"/>
          <outline text="Deeper"><outline type="rss" text="دو‌تا" xmlUrl="${server.url('/opml-2')}"/></outline>
        </outline>
        <outline type="rss" text="known" xmlUrl="${server.url('/a-rss')}"/>
        <outline type="rss" text="bad" xmlUrl="gopher://old.example/feed"/>
      </body></opml>`;
    const imported = await call('POST', '/feeds/import', opml, { 'content-type': 'text/x-opml' });
    expect(imported.status).toBe(200);
    expect(imported.json).toEqual({
      added: 2,
      existing: 1,
      invalid: [
        { url: 'gopher://old.example/feed', reason: 'only http and https feeds are polled, not gopher:' },
      ],
    });
    const titles = (await listFeeds()).feeds.map((f) => [f.url, f.title]);
    expect(titles).toContainEqual([server.url('/opml-1'), 'One & only']);
    expect(titles).toContainEqual([server.url('/opml-2'), 'دو‌تا']);

    const exported = await call('GET', '/feeds/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/x-opml; charset=utf-8');
    expect(exported.text).toContain('<opml version="2.0">');
    expect(exported.text).toContain('text="One &amp; only"');
    const followed = (await listFeeds()).feeds.filter((f) => f.status !== 'inactive');
    expect(parseOpml(exported.text).feeds).toEqual(followed.map((f) => ({ url: f.url, title: f.title })));

    const reimported = await call('POST', '/feeds/import', exported.text, {
      'content-type': 'application/xml',
    });
    expect(reimported.json).toEqual({ added: 0, existing: followed.length, invalid: [] });
  }, 60_000);

  it('discovers feeds from <link rel="alternate">, else by probing common paths, and can add the first', async () => {
    const linked = await call('POST', '/feeds/discover', { url: server.url('/site') });
    expect(linked.status).toBe(200);
    expect(linked.json).toEqual({
      candidates: [
        { url: server.url('/site-feed'), title: 'Site news', type: 'application/rss+xml', source: 'link' },
      ],
    });

    const probed = await call('POST', '/feeds/discover', { url: server.url('/bare'), add: true });
    expect(probed.status).toBe(200);
    expect(probed.json.candidates).toEqual([
      { url: server.url('/feed.xml'), title: 'Probed feed', type: 'application/rss+xml', source: 'probe' },
    ]);
    expect(probed.json.added).toMatchObject({
      kind: 'added',
      feed: { url: server.url('/feed.xml'), origin: 'api' },
    });
    for (const path of ['/rss', '/feed', '/feeds/', '/rss.xml', '/atom.xml', '/feed.xml']) {
      expect(server.requests).toContain(path);
    }

    const self = await call('POST', '/feeds/discover', { url: server.url('/site-feed') });
    expect(self.json.candidates).toEqual([
      { url: server.url('/site-feed'), title: 'Site news', type: 'application/rss+xml', source: 'self' },
    ]);
  }, 60_000);

  it('describes the registry in its OpenAPI document at /docs-json', async () => {
    const docs = await call('GET', '/docs-json');
    expect(docs.status).toBe(200);
    const paths = docs.json.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/feeds',
        '/feeds/export',
        '/feeds/{id}',
        '/feeds/import',
        '/feeds/discover',
        '/feeds/{id}/pause',
        '/feeds/{id}/resume',
      ]),
    );
    expect(Object.keys(paths['/feeds'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(paths['/feeds/{id}'])).toEqual(expect.arrayContaining(['get', 'delete']));
  });

  const zeros = '0'.repeat(32);
  it.each([
    {
      method: 'POST',
      path: '/feeds',
      body: { url: 'ftp://files.example/feed' },
      status: 400,
      message: 'url "ftp://files.example/feed": only http and https feeds are polled, not ftp:',
    },
    { method: 'POST', path: '/feeds', body: { url: 'not a url' }, status: 400, message: 'not a valid URL' },
    {
      method: 'POST',
      path: '/feeds',
      body: { url: `https://long.example/${'a'.repeat(2100)}` },
      status: 400,
      message: 'longer than 2048 characters',
    },
    { method: 'POST', path: '/feeds', body: {}, status: 400, message: 'url must be a string' },
    {
      method: 'POST',
      path: '/feeds',
      body: { url: 'https://x.example/rss', extra: 1 },
      status: 400,
      message: 'unknown field "extra"',
    },
    {
      method: 'POST',
      path: '/feeds',
      body: { url: 'https://x.example/rss', title: 5 },
      status: 400,
      message: 'title must be a string',
    },
    { method: 'POST', path: '/feeds', body: [1, 2], status: 400, message: 'expected a JSON object' },
    {
      method: 'GET',
      path: '/feeds/not-an-id',
      status: 400,
      message: 'feed id must be 32 lowercase hexadecimal characters',
    },
    { method: 'GET', path: `/feeds/${zeros}`, status: 404, message: `no feed with id "${zeros}"` },
    { method: 'POST', path: `/feeds/${zeros}/pause`, status: 404, message: 'no feed with id' },
    { method: 'DELETE', path: '/feeds/export', status: 400, message: 'feed id must be 32' },
    {
      method: 'GET',
      path: '/feeds?status=sleeping',
      status: 400,
      message: 'status must be one of active, paused, inactive, unhealthy',
    },
    { method: 'GET', path: '/feeds?limit=0', status: 400, message: 'limit must be at least 1' },
    { method: 'GET', path: '/feeds?page=2', status: 400, message: 'unknown query parameter "page"' },
    {
      method: 'POST',
      path: '/feeds/discover',
      body: { url: 'mailto:a@b.example' },
      status: 400,
      message: 'only http and https feeds are polled',
    },
  ])(
    '$method $path with bad input answers $status: $message',
    async ({ method, path, body, status, message }) => {
      const response = await call(method, path, body);
      expect(response.status).toBe(status);
      expect(String(response.json.message)).toContain(message);
    },
  );

  it('refuses malformed JSON with a 400', async () => {
    const response = await call('POST', '/feeds', '{"url": ', { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    expect(String(response.json.message)).toMatch(/JSON/);
  });

  it.each([
    [
      'a DOCTYPE',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body/></opml>',
      'text/x-opml',
      400,
      'DOCTYPE',
    ],
    ['malformed XML', '<opml><body><outline></body></opml>', 'text/x-opml', 400, 'not well-formed XML'],
    ['not OPML', '<rss><channel/></rss>', 'application/xml', 400, 'root element is not <opml>'],
    ['an empty body', '', 'text/x-opml', 400, 'the OPML body is empty'],
    ['JSON', '{"feeds": []}', 'application/json', 415, 'OPML is accepted as text/x-opml'],
    [
      'too large',
      `<opml><body>${' '.repeat(1024 * 1024)}</body></opml>`,
      'text/x-opml',
      413,
      'OPML over the 1048576-byte limit',
    ],
  ])('refuses an import of %s', async (_what, body, type, status, message) => {
    const response = await call('POST', '/feeds/import', body, { 'content-type': type });
    expect(response.status).toBe(status);
    expect(String(response.json.message)).toContain(message);
  });
});

describe('feed registry state in PostgreSQL', () => {
  const db = new TestDatabase();
  let dataSource: DataSource;

  beforeAll(async () => {
    await ensureDatabase(db.url);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await db.drop();
  }, 60_000);

  it('gives the feeds of an existing table their ids when migrating', async () => {
    const before = await new DataSource({
      ...fetcherDataSourceOptions(db.url),
      migrations: FETCHER_MIGRATIONS.filter((m) => m !== AddFeedRegistry1795939200000),
    }).initialize();
    await before.query(
      `INSERT INTO fetcher_feeds (url, interval_seconds, next_poll_at) VALUES ('https://old.example/rss?utm_source=x', 300, now())`,
    );
    await before.destroy();
    dataSource = await new DataSource(fetcherDataSourceOptions(db.url)).initialize();
    const [row] = await dataSource.query('SELECT id, origin, paused, title FROM fetcher_feeds');
    // The id hashes the canonical URL, tracking parameters dropped: the feed-status events' feedId.
    expect(row).toEqual({
      id: createHash('sha256').update('https://old.example/rss').digest('hex').slice(0, 32),
      origin: 'config',
      paused: false,
      title: null,
    });
  }, 60_000);

  it('lets the feeds file deactivate only its own feeds, by canonical URL, and name them', async () => {
    const feeds = new FeedRepository(dataSource);
    const [a, b, c] = ['https://sync.example/a', 'https://sync.example/b', 'https://sync.example/c'];
    expect(await feeds.sync([{ url: a, name: 'Feed A' }, c], 300)).toEqual({
      added: [a, c],
      deactivated: ['https://old.example/rss?utm_source=x'],
    });
    expect((await feeds.add(b, 'by API', 300)).kind).toBe('added');
    // `a` leaves the file; `b`, added through the API, is not the file's to remove.
    expect(await feeds.sync([c], 300)).toEqual({ added: [], deactivated: [a] });
    expect((await feeds.find(b))?.active).toBe(true);
    // Listed again under another spelling of its URL, `a` is the same feed, active again.
    expect(await feeds.sync([`${a}/`, c], 300)).toEqual({ added: [], deactivated: [] });
    expect(await feeds.find(a)).toMatchObject({ active: true, title: 'Feed A', origin: 'config' });
    expect(await feeds.find(`${a}/`)).toBeNull();
    // An API feed that the file lists becomes a config feed, named by the file.
    await feeds.sync([c, { url: b, name: 'from the file' }], 300);
    expect(await feeds.find(b)).toMatchObject({ origin: 'config', title: 'from the file', active: true });
  }, 60_000);

  it('keeps a pause or a deletion made while a poll ran: the poll writes only what it learnt', async () => {
    const feeds = new FeedRepository(dataSource);
    const [kept, gone] = ['https://race.example/kept', 'https://race.example/gone'];
    // What each poll read before the API acted.
    const keptCopy = await feeds.ensure(kept, 300);
    const goneCopy = await feeds.ensure(gone, 300);
    await feeds.setPaused(keptCopy.id, true);
    await feeds.remove(goneCopy.id);
    await feeds.save(Object.assign(keptCopy, { consecutiveFailures: 1, lastError: 'HTTP 500' }));
    await feeds.save(Object.assign(goneCopy, { consecutiveFailures: 1, lastError: 'HTTP 500' }));
    expect(await feeds.find(kept)).toMatchObject({
      paused: true,
      consecutiveFailures: 1,
      lastError: 'HTTP 500',
    });
    expect(await feeds.find(gone)).toBeNull();
  }, 60_000);
});
