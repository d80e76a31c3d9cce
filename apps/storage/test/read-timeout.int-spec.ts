import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { waitFor } from '../../../test/support/wait.js';
import { metricValue } from '../../../test/support/metrics.js';
import { articleEvent, failedArticleWrites, sendArticles, testSource, useStorage } from './storage-app.js';

const READ_TIMEOUT_MS = 1_000;

describe("storage's API reads under a statement timeout", () => {
  const storage = useStorage({ config: { STORAGE_READ_TIMEOUT_MS: READ_TIMEOUT_MS } });

  it('answers a read stuck past the limit with a 503 naming it, while the writer waits as long as it must', async () => {
    const source = testSource('مهلت خواندن');
    const before = articleEvent(`read-timeout-${source.id}-0`, { source, title: 'پیش از قفل', body: 'متن' });
    await sendArticles([before]);
    await storage.stored(before.id);

    // Another session holds the articles table, as a long maintenance statement or a stuck
    // transaction would: every read and write of it waits.
    const holder = new pg.Client({ connectionString: storage.db.url });
    await holder.connect();
    const during = articleEvent(`read-timeout-${source.id}-1`, { source, title: 'هنگام قفل', body: 'متن' });
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE articles IN ACCESS EXCLUSIVE MODE');
      await sendArticles([during]);

      const reply = await storage.get('/articles?limit=1');
      expect([reply.status, reply.headers.get('retry-after'), reply.body]).toEqual([
        503,
        '5',
        {
          statusCode: 503,
          message:
            'the query ran past the 1000 ms limit for reads (STORAGE_READ_TIMEOUT_MS) and was cancelled; ' +
            'narrow it (a shorter span, a rarer phrase) or try again shortly',
        },
      ]);

      // The writer's batch waits on the same lock, and keeps waiting past the reads' limit.
      await waitFor('the article write waiting on the lock', async () => {
        const [{ n }] = await storage.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO articles %'`,
        );
        return n > 0 ? true : undefined;
      });
      await new Promise((resolve) => setTimeout(resolve, 2 * READ_TIMEOUT_MS));
    } finally {
      await holder.query('COMMIT');
      await holder.end();
    }

    // Stored by that first attempt: the writer's pool has no statement timeout to cancel it.
    await storage.stored(during.id);
    expect(await failedArticleWrites(storage.get)).toBe(0);
    expect((await storage.get('/articles?limit=1')).status).toBe(200);
    // Ops see it: the 503 on /metrics, by route.
    const { text } = await storage.get('/metrics');
    expect(
      metricValue(
        text,
        'news_storage_http_request_duration_seconds_count{method="GET",route="/articles",status="503"}',
      ),
    ).toBe(1);
  }, 60_000);
});
