import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { deadLetterTopic, TOPICS, type ArticleEvent } from '@news/contracts';
import { ensureDatabase } from '@news/runtime';
import { createHash } from 'node:crypto';
import { DEFAULT_READ_TIMEOUT_MS } from '../src/config.js';
import { StorageModule } from '../src/storage.module.js';
import { TestDatabase } from '../../../test/support/database.js';
import { KAFKA_BROKERS, uniqueName } from '../../../test/support/env.js';
import { freePort } from '../../../test/support/fixture-server.js';
import {
  createPipelineTopics,
  groupCaughtUp,
  produceRaw,
  recordTopic,
  startGroupAtEnd,
  type Received,
} from '../../../test/support/kafka.js';
import { captureLogger } from '../../../test/support/logger.js';
import { waitFor } from '../../../test/support/wait.js';

function article(
  n: number,
  body: string,
  publishedAt: string,
  parsedAt = '2025-09-23T06:00:01.000Z',
  source = { id: 'ilna', name: 'ایلنا', domain: 'ilna.ir' },
): ArticleEvent {
  const id = createHash('sha256').update(`article-${n}`).digest('hex').slice(0, 32);
  return {
    id,
    url: `https://www.ilna.ir/news/${n}/`,
    canonicalUrl: `https://www.ilna.ir/news/${n}/`,
    source,
    feedUrl: 'https://www.ilna.ir/rss',
    language: 'fa',
    kicker: null,
    title: `خبر شماره ${n} درباره حقوق‌بگیران`,
    lead: null,
    body,
    bodyHtml: `<p>${body}</p>`,
    author: null,
    category: 'کارگری',
    tags: ['کارگران'],
    images: [],
    publishedAt,
    publishedAtJalali: null,
    fetchedAt: '2025-09-23T06:00:00.000Z',
    parsedAt,
    contentHash: createHash('sha256').update(body).digest('hex'),
  };
}

const send = (events: ArticleEvent[]) =>
  produceRaw(
    TOPICS.articles,
    events.map((e) => ({ key: e.id, value: JSON.stringify(e) })),
  );

describe('storage service on real Kafka and PostgreSQL', () => {
  const db = new TestDatabase();
  const log = captureLogger();
  let app: INestApplication;
  let port = 0;
  const group = uniqueName('storage');
  let dlq: { messages: Received[]; stop: () => Promise<void> };
  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & { items?: ArticleEvent[] },
    };
  };

  beforeAll(async () => {
    await createPipelineTopics();
    await ensureDatabase(db.url);
    await startGroupAtEnd(group, [TOPICS.articles]);
    dlq = await recordTopic(deadLetterTopic(TOPICS.articles));
    port = await freePort();
    app = await NestFactory.create(
      StorageModule.forRoot(
        {
          KAFKA_BROKERS: KAFKA_BROKERS.split(','),
          DATABASE_URL: db.url,
          STORAGE_PORT: port,
          STORAGE_HOST: '127.0.0.1',
          STORAGE_GROUP_ID: group,
          STORAGE_READ_TIMEOUT_MS: DEFAULT_READ_TIMEOUT_MS,
        },
        log.logger,
      ),
      { logger: false },
    );
    await app.listen(port, '127.0.0.1');
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await dlq.stop();
    await db.drop();
  }, 60_000);

  it('keeps one row for a repeated event and a new revision for changed content', async () => {
    const v1 = article(1, 'متن نخست خبر', '2025-09-22T17:00:00.000Z');
    await send([v1, v1]);
    await send([v1]);
    await waitFor('the article', async () =>
      (await get(`/articles/${v1.id}`)).status === 200 ? true : undefined,
    );
    const v2 = article(1, 'متن اصلاح‌شده خبر', '2025-09-22T17:00:00.000Z', '2025-09-23T07:00:00.000Z');
    await send([v2]);
    const stored = await waitFor('revision 2', async () => {
      const { body } = await get(`/articles/${v1.id}`);
      return body.revision === 2 ? body : undefined;
    });
    expect(stored).toMatchObject({
      body: 'متن اصلاح‌شده خبر',
      contentHash: v2.contentHash,
      source: v1.source,
    });
    // An older parse arriving late (a replay) does not overwrite the newer one.
    await send([v1]);
    const marker = article(2, 'نشانگر پایان', '2025-09-22T10:00:00.000Z');
    await send([marker]);
    await waitFor('the marker', async () =>
      (await get(`/articles/${marker.id}`)).status === 200 ? true : undefined,
    );
    expect((await get(`/articles/${v1.id}`)).body).toMatchObject({ revision: 2, body: 'متن اصلاح‌شده خبر' });
    expect(await db.query('SELECT count(*)::int AS n FROM articles WHERE id = $1', [v1.id])).toEqual([
      { n: 1 },
    ]);
    // Stored means committed: a restart of the group would not read these again.
    await waitFor('offsets committed', async () =>
      (await groupCaughtUp(group, TOPICS.articles)) ? true : undefined,
    );
  }, 60_000);

  it('dead-letters messages that are not articles, with the reason, and keeps storing', async () => {
    const runId = uniqueName('bad');
    const valid = article(3, 'خبر پس از پیام‌های خراب', '2025-09-21T10:00:00.000Z');
    await produceRaw(TOPICS.articles, [
      { key: `${runId}-notjson`, value: '<html>not json</html>' },
      {
        key: `${runId}-invalid`,
        value: JSON.stringify({ ...valid, id: `${runId}-invalid`, contentHash: 'nothex' }),
      },
      { key: valid.id, value: JSON.stringify(valid) },
    ]);
    const letters = await waitFor('two dead letters', async () => {
      const mine = dlq.messages.filter((m) => m.key?.startsWith(runId));
      return mine.length >= 2 ? mine : undefined;
    });
    expect(letters.find((m) => m.key === `${runId}-notjson`)?.headers.dlq_reason).toContain(
      'value is not JSON',
    );
    expect(letters.find((m) => m.key === `${runId}-invalid`)?.headers.dlq_reason).toMatch(
      /schema violation: contentHash/,
    );
    await waitFor('the valid article', async () =>
      (await get(`/articles/${valid.id}`)).status === 200 ? true : undefined,
    );
    expect(log.lines('article sent to dead-letter topic').length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('pages newest first with a cursor, filters by source and since', async () => {
    // A source of its own, so articles other tests publish on the shared topic do not count here.
    const source = { id: uniqueName('src'), name: 'آزمون', domain: 'example.org' };
    const events = [3, 4, 5, 6, 7, 8].map((n) =>
      article(100 + n, `خبر ${n}`, `2025-10-0${n - 3}T08:00:00.000Z`, undefined, source),
    );
    await send(events);
    const query = `source=${source.id}&since=2025-10-01T00:00:00Z`;
    await waitFor('five articles since October', async () => {
      const { body } = await get(`/articles?limit=100&${query}`);
      return body.items?.length === 5 ? true : undefined;
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { body } = await get(`/articles?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...(body.items ?? []).map((a) => a.publishedAt as string));
      cursor = body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual([
      '2025-10-05T08:00:00.000Z',
      '2025-10-04T08:00:00.000Z',
      '2025-10-03T08:00:00.000Z',
      '2025-10-02T08:00:00.000Z',
      '2025-10-01T08:00:00.000Z',
    ]);
    expect((await get('/articles?source=nosuchsource')).body).toEqual({ items: [], nextCursor: null });
  }, 60_000);

  it.each([
    ['limit=0', 'limit'],
    ['limit=1000', 'limit'],
    ['limit=ten', 'limit'],
    ['since=yesterday', 'since'],
    ['cursor=garbage', 'cursor'],
    [`cursor=${Buffer.from("2025-01-01T00:00:00Z|' OR 1=1 --").toString('base64url')}`, 'cursor'],
  ])('answers 400 naming the parameter for %s', async (query, parameter) => {
    const { status, body } = await get(`/articles?${query}`);
    expect(status).toBe(400);
    expect(String(body.message)).toContain(parameter);
  });
});
