import 'reflect-metadata';
import { afterAll, beforeAll } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { TOPICS, type ArticleEvent, type Source } from '@news/contracts';
import { ensureDatabase } from '@news/runtime';
import { createHash } from 'node:crypto';
import { createStorageApp } from '../src/app.js';
import { DEFAULT_READ_TIMEOUT_MS, type StorageConfig } from '../src/config.js';
import { feedStatusGroupId, type StorageModuleOptions } from '../src/storage.module.js';
import { TestDatabase } from '../../../test/support/database.js';
import { KAFKA_BROKERS, uniqueName } from '../../../test/support/env.js';
import { freePort } from '../../../test/support/fixture-server.js';
import { createPipelineTopics, produceRaw, startGroupAtEnd } from '../../../test/support/kafka.js';
import { captureLogger } from '../../../test/support/logger.js';
import { metricValue } from '../../../test/support/metrics.js';
import { waitFor } from '../../../test/support/wait.js';

export interface Reply<T> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export interface StartStorageOptions {
  module?: StorageModuleOptions;
  /** The URL storage is given for its database, from the direct one (a relay in front of it, say). */
  databaseUrl?: (direct: string) => string;
  /** Settings a test chooses; startStorage chooses the database, Kafka, the port and the groups. */
  config?: Partial<Pick<StorageConfig, 'STORAGE_READ_TIMEOUT_MS'>>;
}

/**
 * The storage app as main.ts builds it (security headers, OpenAPI), on a fresh database and
 * fresh consumer groups placed at the end of their topics, listening on a free port.
 */
export async function startStorage({
  module = {},
  databaseUrl = (direct) => direct,
  config = {},
}: StartStorageOptions = {}) {
  const db = new TestDatabase();
  const log = captureLogger();
  const group = uniqueName('storage');
  await createPipelineTopics();
  await startGroupAtEnd(group, [TOPICS.articles]);
  await startGroupAtEnd(feedStatusGroupId({ STORAGE_GROUP_ID: group }), [TOPICS.feedStatus]);
  await ensureDatabase(db.url);
  const port = await freePort();
  let app: INestApplication;
  try {
    app = await createStorageApp(
      {
        KAFKA_BROKERS: KAFKA_BROKERS.split(','),
        DATABASE_URL: databaseUrl(db.url),
        STORAGE_PORT: port,
        STORAGE_HOST: '127.0.0.1',
        STORAGE_GROUP_ID: group,
        STORAGE_READ_TIMEOUT_MS: DEFAULT_READ_TIMEOUT_MS,
        ...config,
      },
      log.logger,
      { logger: false },
      module,
    );
  } catch (error) {
    await db.drop(); // no test will run, so nothing else would drop it
    throw error;
  }
  try {
    await app.listen(port, '127.0.0.1');
  } catch (error) {
    await app.close();
    await db.drop();
    throw error;
  }

  async function get<T = Record<string, unknown>>(path: string): Promise<Reply<T>> {
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    const text = await res.text();
    const json = (res.headers.get('content-type') ?? '').includes('json');
    return {
      status: res.status,
      headers: res.headers,
      text,
      body: (json ? JSON.parse(text) : undefined) as T,
    };
  }

  return {
    db,
    log,
    get,
    url: `http://127.0.0.1:${port}`,
    /** Resolves once GET /articles/:id finds the article. */
    stored: (id: string) =>
      waitFor(`article ${id}`, async () =>
        (await get(`/articles/${id}`)).status === 200 ? true : undefined,
      ),
    async stop(): Promise<void> {
      await app.close();
      await db.drop();
    },
  };
}

export type Storage = Awaited<ReturnType<typeof startStorage>>;

/**
 * One storage app for the tests of the enclosing describe block: started before them, stopped
 * after them. The object returned stands for it from the first test on.
 */
export function useStorage(options: StartStorageOptions = {}): Storage {
  let started: Storage | undefined;
  beforeAll(async () => {
    started = await startStorage(options);
  }, 60_000);
  afterAll(async () => {
    await started?.stop();
  }, 60_000);
  const current = (): Storage => {
    if (!started) throw new Error('storage is not started yet: use it in a test or a later hook');
    return started;
  };
  return {
    get db() {
      return current().db;
    },
    get log() {
      return current().log;
    },
    get url() {
      return current().url;
    },
    get: (path) => current().get(path),
    stored: (id) => current().stored(id),
    stop: () => current().stop(),
  };
}

/** An article event with a hand-chosen text; the id and hash follow from `key` and the body. */
export function articleEvent(
  key: string,
  fields: Partial<ArticleEvent> & { source: Source; title: string; body: string },
): ArticleEvent {
  const id = createHash('sha256').update(key).digest('hex').slice(0, 32);
  return {
    id,
    url: `https://${fields.source.domain}/news/${id}/`,
    canonicalUrl: `https://${fields.source.domain}/news/${id}/`,
    feedUrl: `https://${fields.source.domain}/rss`,
    language: 'fa',
    kicker: null,
    lead: null,
    bodyHtml: `<p>${fields.body}</p>`,
    author: null,
    category: null,
    tags: [],
    images: [],
    publishedAt: '2025-10-01T08:00:00.000Z',
    publishedAtJalali: null,
    fetchedAt: '2025-10-01T08:05:00.000Z',
    parsedAt: '2025-10-01T08:05:01.000Z',
    ...fields,
    contentHash: createHash('sha256')
      .update(`${fields.title}\n${fields.lead ?? ''}\n${fields.body}`)
      .digest('hex'),
  };
}

export const sendArticles = (events: ArticleEvent[]) =>
  produceRaw(
    TOPICS.articles,
    events.map((e) => ({ key: e.id, value: JSON.stringify(e) })),
  );

/** A source of its own per test, so articles of other tests never count. */
export const testSource = (name: string): Source => ({
  id: uniqueName('src'),
  name,
  domain: `${uniqueName('site').replaceAll('_', '-')}.example`,
});

/** Failed article writes so far, from storage's write-latency histogram on /metrics. */
export async function failedArticleWrites(get: (path: string) => Promise<{ text: string }>): Promise<number> {
  const { text } = await get('/metrics');
  return (
    metricValue(text, 'news_storage_db_write_duration_seconds_count{table="articles",outcome="error"}') ?? 0
  );
}
