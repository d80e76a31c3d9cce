import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { POSTGRES_URL } from '../../../test/support/env.js';
import { TcpProxy } from '../../../test/support/tcp-proxy.js';
import { waitFor } from '../../../test/support/wait.js';
import { articleEvent, failedArticleWrites, sendArticles, testSource, useStorage } from './storage-app.js';

describe('storage while its PostgreSQL is unreachable', () => {
  // Storage reaches the real server through a relay the test cuts: open connections reset, new
  // ones refused, as when the server crashes or the network between them fails.
  const server = new URL(POSTGRES_URL);
  const relay = new TcpProxy(server.hostname, Number(server.port || 5432));
  beforeAll(() => relay.start());
  afterAll(() => relay.cut());
  const storage = useStorage({
    databaseUrl: (direct) => {
      const url = new URL(direct);
      url.port = String(relay.port);
      return url.toString();
    },
  });

  it('keeps running, answers 503 while it is gone, and stores what arrived meanwhile once it is back', async () => {
    const source = testSource('قطعی پایگاه داده');
    const articles = Array.from({ length: 20 }, (_, i) =>
      articleEvent(`outage-${source.id}-${i}`, {
        source,
        title: `خبر ${i} هنگام قطعی`,
        body: `متن خبر ${i}`,
      }),
    );

    await relay.cut();
    try {
      await sendArticles(articles);
      // The writer meets the outage: a batch fails, and waits for its retry with backoff.
      await waitFor('a failed write of articles', async () =>
        (await failedArticleWrites(storage.get)) > 0 ? true : undefined,
      );
      const health = await storage.get<{ checks: { database: { status: string } } }>('/health');
      expect(health.status).toBe(503);
      expect(health.body.checks.database.status).toBe('down');
      // The API says what is wrong, and when to try again, instead of a bare 500.
      const reply = await storage.get('/articles?limit=1');
      expect([reply.status, reply.headers.get('retry-after'), reply.body]).toEqual([
        503,
        '5',
        { statusCode: 503, message: 'database unavailable; try again shortly' },
      ]);
    } finally {
      await relay.start();
    }

    for (const article of articles) await storage.stored(article.id);
    const [{ n }] = await storage.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM articles WHERE source_id = $1',
      [source.id],
    );
    expect(n).toBe(articles.length);
    expect((await storage.get('/health')).status).toBe(200);
  }, 120_000);
});
