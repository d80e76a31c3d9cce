import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { TOPICS } from '@news/contracts';
import { TestDatabase } from '../support/database.js';
import { uniqueName } from '../support/env.js';
import { FixtureServer, freePort, respond, rss } from '../support/fixture-server.js';
import { createPipelineTopics, recordTopic, startGroupAtEnd, type Received } from '../support/kafka.js';
import { ServiceProcess } from '../support/services.js';
import { waitFor } from '../support/wait.js';
import { KAFKA_BROKERS } from '../support/env.js';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url));
const golden = (name: string) =>
  JSON.parse(fixture(`${name}.expected.json`).toString('utf8')) as Record<string, unknown>;

interface ApiArticle extends Record<string, unknown> {
  id: string;
  url: string;
  canonicalUrl: string;
  body: string;
  bodyHtml: string;
  revision: number;
  source: { id: string };
}

describe('ingestion spine: feed → fetcher → Kafka → parser → Kafka → storage → REST', () => {
  const db = new TestDatabase();
  const ilnaPage = fixture('ilna-seed.html');
  const server = new FixtureServer({
    '/rss': (req, res) => respond(200, 'application/rss+xml; charset=utf-8', feed)(req, res),
    '/news/1700000/': respond(200, 'text/html; charset=utf-8', ilnaPage),
    // The same article under a second address: the page's canonical link makes it one article.
    '/amp/1700000/': respond(200, 'text/html; charset=utf-8', ilnaPage),
    '/news/1700001/': respond(200, 'text/html; charset=utf-8', fixture('jalali-only.html')),
    // windows-1256 declared only inside the page, as old sites do.
    '/news/1700002/': respond(200, 'text/html', fixture('cp1256.html')),
  });
  let feed = '';
  let storagePort = 0;
  let services: ServiceProcess[] = [];
  let articleEvents: { messages: Received[]; stop: () => Promise<void> };

  const api = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(`http://127.0.0.1:${storagePort}${path}`);
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    await server.listen();
    feed = rss('ایلنا', server.url('/'), [
      { title: 'seed', link: server.url('/news/1700000/'), pubDate: 'Mon, 22 Sep 2025 17:00:00 GMT' },
      {
        title: 'seed via campaign link',
        link: server.url('/news/1700000/?utm_source=telegram&utm_medium=social'),
      },
      { title: 'seed via amp', link: server.url('/amp/1700000/') },
      { title: 'jalali only', link: server.url('/news/1700001/') },
      { title: 'windows-1256', link: server.url('/news/1700002/') },
      { title: 'gone', link: server.url('/news/404/') },
    ]);
    await createPipelineTopics();
    const parserGroup = uniqueName('parser');
    const storageGroup = uniqueName('storage');
    await startGroupAtEnd(parserGroup, [TOPICS.rawArticles]);
    await startGroupAtEnd(storageGroup, [TOPICS.articles]);
    articleEvents = await recordTopic(TOPICS.articles);
    storagePort = await freePort();
    const common = { KAFKA_BROKERS, DATABASE_URL: db.url };
    services = [
      new ServiceProcess('storage', {
        ...common,
        STORAGE_PORT: String(storagePort),
        STORAGE_GROUP_ID: storageGroup,
      }),
      new ServiceProcess('parser', {
        ...common,
        PARSER_GROUP_ID: parserGroup,
        PARSER_PORT: String(await freePort()),
      }),
      new ServiceProcess('fetcher', {
        ...common,
        NEWS_FEEDS: server.url('/rss'),
        FETCHER_PORT: String(await freePort()),
        FETCH_INTERVAL_SECONDS: '2',
        FETCHER_ALLOW_PRIVATE_NETWORKS: 'true',
      }),
    ].map((s) => s.start());
  }, 60_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await articleEvents?.stop();
    await server.close();
    await db.drop();
  }, 60_000);

  const storedArticles = () =>
    waitFor(
      'three stored articles',
      async () => {
        const { body } = await api<{ items: ApiArticle[] }>('/articles?limit=50');
        return body.items.length >= 3 ? body.items : undefined;
      },
      90_000,
    );

  it.each(['ilna-seed', 'jalali-only', 'cp1256'])(
    'stores %s with exactly the hand-written fields',
    async (name) => {
      const expected = golden(name);
      const items = await storedArticles();
      const article = items.find((a) => a.canonicalUrl === expected.canonicalUrl);
      expect(article).toBeDefined();
      for (const field of Object.keys(expected))
        expect({ field, value: article?.[field] }).toEqual({ field, value: expected[field] });
      expect(article?.source.id).toBe('ilna');
      expect(article?.feedUrl).toBe(server.url('/rss'));
      expect(article?.revision).toBe(1);
      expect(article?.bodyHtml).not.toMatch(/<script|onclick|<style/i);
    },
    120_000,
  );

  it('keeps every zero-width non-joiner of the seed article', async () => {
    const seed = (await storedArticles()).find((a) => a.canonicalUrl === golden('ilna-seed').canonicalUrl);
    expect(seed?.body).toContain('نخست\u200cوزیر');
    expect(seed?.body).not.toContain('نخستوزیر');
    expect(seed?.title).toBe(
      'تلاش\u200cهای بدخواهان برای عدم شکل\u200cگیری روابط پُرثمر میان کشورهای اسلامی به نتیجه نخواهد رسید',
    );
  }, 120_000);

  it('stores one row per article across duplicate links and repeated polls, and nothing for the 404', async () => {
    await storedArticles();
    const fetcher = services[2];
    // Wait for two more polls of the feed after everything was stored: nothing may be added.
    const pollsBefore = fetcher.lines('feed polled').length;
    await waitFor('two more polls', async () =>
      fetcher.lines('feed polled').length >= pollsBefore + 2 ? true : undefined,
    );
    const { body } = await api<{ items: ApiArticle[] }>('/articles?limit=50');
    expect(body.items.map((a) => a.canonicalUrl).sort()).toEqual([
      'https://www.ilna.ir/news/1700000/',
      'https://www.ilna.ir/news/1700001/',
      'https://www.ilna.ir/news/1700002/',
    ]);
    expect(body.items.every((a) => a.revision === 1)).toBe(true);
    const rows = await db.query<{ count: string }>('SELECT count(*) FROM articles');
    expect(rows[0].count).toBe('3');
    // The campaign link was never fetched on its own; the 404 was tried once and given up.
    expect(server.requests.filter((r) => r.includes('utm_source'))).toEqual([]);
    const gone = await db.query<{ status: string; last_error: string }>(
      "SELECT status, last_error FROM fetcher_item_state WHERE item_key LIKE '%/news/404'",
    );
    expect(gone).toEqual([{ status: 'gave-up', last_error: expect.stringContaining('HTTP 404') }]);
    expect(fetcher.lines('article page failed')[0]).toMatchObject({ url: server.url('/news/404/') });
  }, 120_000);

  it('publishes each article on news.articles.v1 keyed by id with CloudEvents headers', async () => {
    const items = await storedArticles();
    await waitFor('article events', async () => (articleEvents.messages.length >= 4 ? true : undefined));
    for (const message of articleEvents.messages) {
      const value = JSON.parse(message.value ?? '{}') as { id: string };
      expect(items.map((a) => a.id)).toContain(message.key);
      expect(value.id).toBe(message.key);
      expect(message.headers).toMatchObject({
        ce_specversion: '1.0',
        ce_type: 'ir.news.article.parsed.v1',
        ce_source: 'parser',
        ce_subject: message.key,
        'content-type': 'application/json',
      });
    }
  }, 120_000);

  it('serves one article by id, 404 for an unknown id, and its health', async () => {
    const [first] = await storedArticles();
    expect((await api<ApiArticle>(`/articles/${first.id}`)).body.title).toBe(first.title);
    expect((await api(`/articles/${'0'.repeat(32)}`)).status).toBe(404);
    expect(await api('/health')).toEqual({
      status: 200,
      body: {
        status: 'ok',
        checks: { database: { status: 'up' }, kafka: { status: 'up' } },
        database: 'postgresql',
      },
    });
  }, 120_000);
});
