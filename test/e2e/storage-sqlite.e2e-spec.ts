import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TOPICS, type ArticleEvent, type FeedStatusEvent, type Source } from '@news/contracts';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KAFKA_BROKERS, uniqueName } from '../support/env.js';
import { freePort } from '../support/fixture-server.js';
import { createPipelineTopics, groupCaughtUp, produceRaw, startGroupAtEnd } from '../support/kafka.js';
import { ServiceProcess } from '../support/services.js';
import { waitFor } from '../support/wait.js';

interface ApiArticle extends ArticleEvent {
  revision: number;
}

interface Fields {
  title: string;
  body: string;
  publishedAt: string;
  category?: string | null;
}

/** An article of a source of this run, so that what other tests publish on the shared topic never counts. */
function article(
  source: Source,
  key: string,
  { title, body, publishedAt, category = null }: Fields,
): ArticleEvent {
  const id = createHash('sha256').update(`${source.id}/${key}`).digest('hex').slice(0, 32);
  return {
    id,
    url: `https://${source.domain}/news/${key}/`,
    canonicalUrl: `https://${source.domain}/news/${key}/`,
    source,
    feedUrl: `https://${source.domain}/rss`,
    language: 'fa',
    kicker: null,
    title,
    lead: null,
    body,
    bodyHtml: `<p>${body}</p>`,
    author: null,
    category,
    tags: [],
    images: [],
    publishedAt,
    publishedAtJalali: null,
    fetchedAt: '2025-10-05T08:00:00.000Z',
    parsedAt: '2025-10-05T08:00:01.000Z',
    contentHash: createHash('sha256').update(`${title}\n${body}`).digest('hex'),
  };
}

const send = (events: ArticleEvent[]) =>
  produceRaw(
    TOPICS.articles,
    events.map((e) => ({ key: e.id, value: JSON.stringify(e) })),
  );

describe('storage on the embedded SQLite store: Kafka → storage → REST, no PostgreSQL involved', () => {
  const dir = mkdtempSync(join(tmpdir(), 'storage-sqlite-e2e-'));
  const file = join(dir, 'news.sqlite');
  const group = uniqueName('storage');
  const source: Source = { id: uniqueName('src'), name: 'ایلنا', domain: 'ilna.example' };
  // A category of this run only: its topic counts are this test's alone.
  const category = uniqueName('topic');
  const zwnj = article(source, 'zwnj', {
    title: 'سفر نخست‌وزیر به مشهد',
    body: 'نخست‌وزیر امروز وارد مشهد شد.',
    publishedAt: '2025-10-03T08:00:00.000Z',
    category,
  });
  const arabic = article(source, 'arabic', {
    title: 'گزارش كارگران',
    body: 'كارگران يزد تجمع كردند.',
    publishedAt: '2025-10-02T08:00:00.000Z',
    category,
  });
  const plain = article(source, 'plain', {
    title: 'بازار ارز',
    body: 'نرخ ارز ثابت ماند.',
    publishedAt: '2025-10-01T08:00:00.000Z',
  });
  const corrected = article(source, 'plain', {
    title: 'بازار ارز',
    body: 'نرخ ارز اندکی بالا رفت.',
    publishedAt: '2025-10-01T08:00:00.000Z',
  });
  corrected.parsedAt = '2025-10-05T09:00:00.000Z';
  // Of another source, so the pages above stay three; recent, so it is in /topics' window.
  const recent = article({ ...source, id: uniqueName('src') }, 'recent', {
    title: 'خبر تازه',
    body: 'همین حالا.',
    publishedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    category,
  });
  let storage: ServiceProcess;
  let port = 0;

  const api = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    await createPipelineTopics();
    await startGroupAtEnd(group, [TOPICS.articles]);
    await startGroupAtEnd(`${group}.feed-status`, [TOPICS.feedStatus]);
    port = await freePort();
    storage = new ServiceProcess('storage', {
      KAFKA_BROKERS,
      DATABASE_URL: `sqlite:${file}`,
      STORAGE_PORT: String(port),
      STORAGE_GROUP_ID: group,
    }).start();
    await waitFor('storage to answer', async () =>
      (await api('/health')).status === 200 ? true : undefined,
    );
    await send([zwnj, arabic, plain, recent]);
    await send([corrected]);
    await waitFor('three articles, one of them corrected, and the recent one', async () => {
      const { body } = await api<{ items: ApiArticle[] }>(`/articles?source=${source.id}&limit=10`);
      const done = body.items.length === 3 && body.items.some((a) => a.revision === 2);
      return done && (await api(`/articles/${recent.id}`)).status === 200 ? true : undefined;
    });
  }, 90_000);

  afterAll(async () => {
    await storage?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('says in its log that it uses SQLite, and in which file', () => {
    expect(storage.lines('storage uses embedded SQLite (DATABASE_URL asks for it)')).toEqual([
      expect.objectContaining({ database: 'sqlite', path: file }),
    ]);
    expect(existsSync(file)).toBe(true);
    // No TypeORM at all on SQLite (on PostgreSQL, Nest logs "TypeOrmCoreModule dependencies initialized").
    expect(storage.log).not.toContain('TypeOrm');
  });

  it('reports the SQLite store in /health', async () => {
    expect(await api('/health')).toEqual({
      status: 200,
      body: {
        status: 'ok',
        database: 'sqlite',
        checks: { database: { status: 'up' }, kafka: { status: 'up' } },
      },
    });
  });

  it('lists the articles newest first, ZWNJs kept', async () => {
    const { body } = await api<{ items: ApiArticle[]; nextCursor: string | null }>(
      `/articles?source=${source.id}&limit=2`,
    );
    expect(body.items.map((a) => a.id)).toEqual([zwnj.id, arabic.id]);
    expect(body.items[0].title).toBe('سفر نخست\u200cوزیر به مشهد');
    const next = await api<{ items: ApiArticle[]; nextCursor: string | null }>(
      `/articles?source=${source.id}&limit=2&cursor=${body.nextCursor}`,
    );
    expect(next.body).toEqual({ items: [expect.objectContaining({ id: plain.id })], nextCursor: null });
  });

  it('finds the ZWNJ article by the word written without it, and Arabic letters by Persian ones', async () => {
    const search = async (q: string) =>
      (
        await api<{ items: ApiArticle[] }>(`/articles?source=${source.id}&q=${encodeURIComponent(q)}`)
      ).body.items.map((a) => a.id);
    expect(await search('نخستوزیر')).toEqual([zwnj.id]);
    expect(await search('نخست وزیر')).toEqual([zwnj.id]);
    expect(await search('کارگران یزد')).toEqual([arabic.id]);
  });

  it('serves one article, its revisions, and the sources with counts', async () => {
    expect(await api(`/articles/${zwnj.id}`)).toEqual({
      status: 200,
      body: { ...zwnj, subtitle: null, newsCode: null, attribution: null, revision: 1 },
    });
    expect((await api(`/articles/${'0'.repeat(32)}`)).status).toBe(404);
    const revisions = await api<{ items: { revision: number; contentHash: string }[] }>(
      `/articles/${plain.id}/revisions`,
    );
    expect(revisions.body.items.map((r) => [r.revision, r.contentHash])).toEqual([
      [2, corrected.contentHash],
      [1, plain.contentHash],
    ]);
    const sources = await api<{ items: { id: string; articleCount: number; lastArticleAt: string }[] }>(
      '/sources',
    );
    expect(sources.body.items.find((s) => s.id === source.id)).toEqual({
      ...source,
      articleCount: 3,
      lastArticleAt: '2025-10-03T08:00:00.000Z',
    });
  });

  it('answers the topic endpoints and the topic filter from the SQLite store', async () => {
    const byTopic = await api<{ items: ApiArticle[] }>(`/articles?topic=${category}`);
    expect(byTopic.body.items.map((a) => a.id)).toEqual([recent.id, zwnj.id, arabic.id]);

    const top = await api<{ window: string; items: { key: string; name: string; count: number }[] }>(
      '/topics?window=1h&limit=100',
    );
    expect(top.status).toBe(200);
    expect(top.body.items.find((t) => t.key === category)).toEqual({
      key: category,
      name: category,
      count: 1,
    });

    expect(
      await api(
        `/topics/${category}/timeseries?bucket=day&from=2025-10-01T00:00:00Z&to=2025-10-04T00:00:00Z`,
      ),
    ).toEqual({
      status: 200,
      body: {
        topic: { key: category, name: category },
        bucket: 'day',
        from: '2025-10-01T00:00:00.000Z',
        to: '2025-10-04T00:00:00.000Z',
        points: [
          { t: '2025-10-01T00:00:00.000Z', count: 0 },
          { t: '2025-10-02T00:00:00.000Z', count: 1 },
          { t: '2025-10-03T00:00:00.000Z', count: 1 },
        ],
      },
    });
    expect((await api('/topics/trending?window=6h')).body).toMatchObject({
      window: '6h',
      items: expect.any(Array),
    });
  });

  it('counts the written articles in /stats', async () => {
    const { status, body } = await api<{ ingestion: { lastHour: number }; latency: { count: number } }>(
      '/stats',
    );
    expect(status).toBe(200);
    // Five writes of this test (four articles, one correction); others' articles on the shared topic may add.
    expect(body.ingestion.lastHour).toBeGreaterThanOrEqual(5);
    expect(body.latency.count).toBeGreaterThanOrEqual(5);
  });

  it('keeps feed health from news.feed-status.v1', async () => {
    const feedId = uniqueName('feed');
    const poll = (polledAt: string, outcome: FeedStatusEvent['outcome']): FeedStatusEvent => ({
      feedId,
      feedUrl: `https://${source.domain}/rss`,
      outcome,
      httpStatus: outcome === 'error' ? 503 : 200,
      latencyMs: 40,
      newItems: 0,
      error: outcome === 'error' ? 'HTTP 503' : null,
      polledAt,
    });
    await produceRaw(
      TOPICS.feedStatus,
      [poll('2025-10-05T08:00:00.000Z', 'ok'), poll('2025-10-05T08:05:00.000Z', 'error')].map((e) => ({
        key: feedId,
        value: JSON.stringify(e),
      })),
    );
    const feed = await waitFor('the feed’s two polls', async () => {
      const { body } = await api<{ items: { feedId: string; polls: number }[] }>('/feeds/health');
      return body.items.find((f) => f.feedId === feedId && f.polls === 2);
    });
    expect(feed).toMatchObject({
      feedId,
      status: 'failing',
      polls: 2,
      failures: 1,
      consecutiveFailures: 1,
      lastError: 'HTTP 503',
      lastSuccessAt: '2025-10-05T08:00:00.000Z',
    });
  });

  it('commits its offsets once the articles are stored', async () => {
    await waitFor('offsets committed', async () =>
      (await groupCaughtUp(group, TOPICS.articles)) ? true : undefined,
    );
    expect(await groupCaughtUp(group, TOPICS.articles)).toBe(true);
  });

  it('stops cleanly on SIGTERM, closing the file (the WAL is checkpointed and removed)', async () => {
    expect(existsSync(`${file}-wal`)).toBe(true);
    await storage.stop();
    expect(storage.running).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(storage.log).not.toMatch(/"level":(50|60)/);
  }, 30_000);
});
