import { describe, expect, it } from '@jest/globals';
import { TOPICS } from '@news/contracts';
import { uniqueName } from '../../../test/support/env.js';
import { produceRaw } from '../../../test/support/kafka.js';
import { waitFor } from '../../../test/support/wait.js';
import type { IngestionStats } from '../src/stats/stats.service.js';
import type { StreamedArticle } from '../src/stream/streamed-article.js';
import { articleEvent, sendArticles, testSource, useStorage } from './storage-app.js';

const ZWNJ = '\u200C';
const HOUR_MS = 3_600_000;

/** A client of /articles/stream: the events and comments received so far, parsed as they arrive. */
async function openStream(base: string, query = '') {
  const abort = new AbortController();
  const res = await fetch(`${base}/articles/stream${query}`, { signal: abort.signal });
  const articles: StreamedArticle[] = [];
  const raw: string[] = [];
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          raw.push(block);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (block.includes('event: article') && data) articles.push(JSON.parse(data.slice(6)));
        }
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  })();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    articles,
    raw,
    has: (id: string) => articles.some((a) => a.id === id),
    async close() {
      abort.abort();
      await reading;
    },
  };
}

describe('GET /stats and GET /articles/stream on real Kafka and PostgreSQL', () => {
  const storage = useStorage();

  it('counts written articles per minute and hour, buckets their fetch-to-store latency, and counts updates', async () => {
    const source = testSource('آمار');
    // Fetched three hours ago: their latency falls in the [2 h, 6 h) bucket of the migration.
    const fetchedAt = new Date(Date.now() - 3 * HOUR_MS).toISOString();
    const events = [1, 2, 3].map((n) =>
      articleEvent(`stats-${source.id}-${n}`, {
        source,
        title: `خبر آماری ${n}`,
        body: `متن ${n}`,
        fetchedAt,
      }),
    );
    await sendArticles(events);
    for (const event of events) {
      await storage.stored(event.id);
    }
    // Other tests publish on the shared topic too, and this storage stores theirs: at least ours.
    const { status, body } = await storage.get<IngestionStats>('/stats');
    expect(status).toBe(200);
    const { ingestion, latency, deadLetters } = body;
    expect(ingestion.perMinute).toHaveLength(60);
    expect(ingestion.perHour).toHaveLength(48);
    expect(ingestion.lastHour).toBeGreaterThanOrEqual(3);
    expect(ingestion.perMinute.reduce((sum, p) => sum + p.count, 0)).toBe(ingestion.lastHour);
    expect(ingestion.lastMinute).toBe(ingestion.perMinute[59].count);
    // The last two hours hold the last 60 minutes.
    expect(ingestion.perHour[46].count + ingestion.perHour[47].count).toBeGreaterThanOrEqual(
      ingestion.lastHour,
    );
    expect(Date.parse(ingestion.perMinute[1].t) - Date.parse(ingestion.perMinute[0].t)).toBe(60_000);
    expect(Date.parse(ingestion.perHour[1].t) - Date.parse(ingestion.perHour[0].t)).toBe(HOUR_MS);
    expect(latency.window).toBe('1h');
    expect(latency.count).toBeGreaterThanOrEqual(3);
    expect(latency.p50Ms).not.toBeNull();
    expect(latency.p50Ms!).toBeLessThanOrEqual(latency.p95Ms!);
    expect(latency.p95Ms!).toBeLessThanOrEqual(latency.p99Ms!);
    expect(Object.keys(deadLetters).sort()).toEqual(['news.articles.v1.dlq', 'news.raw-articles.v1.dlq']);

    const [bucket] = await storage.db.query<{ n: number }>(
      `SELECT coalesce(sum(count), 0)::int AS n FROM ingestion_counters
       WHERE kind = 'inserted' AND lower_ms = 7200000 AND upper_ms = 21600000`,
    );
    expect(bucket.n).toBeGreaterThanOrEqual(3);

    // A new version of one of them is an update, counted as such.
    const changed = { ...events[0], body: 'متن تازه', parsedAt: new Date().toISOString() };
    const updated = articleEvent(`stats-${source.id}-1`, { ...changed, title: events[0].title });
    await sendArticles([updated]);
    await waitFor('the update', async () =>
      (await storage.get<{ revision: number }>(`/articles/${updated.id}`)).body.revision === 2
        ? true
        : undefined,
    );
    const [updates] = await storage.db.query<{ n: number }>(
      `SELECT coalesce(sum(count), 0)::int AS n FROM ingestion_counters WHERE kind = 'updated'`,
    );
    expect(updates.n).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('counts the dead letters storage sends', async () => {
    const before = (await storage.get<IngestionStats>('/stats')).body.deadLetters['news.articles.v1.dlq'];
    expect(typeof before).toBe('number');
    await produceRaw(TOPICS.articles, [{ key: uniqueName('notjson'), value: '<html>not an article</html>' }]);
    await waitFor('the dead letter counted', async () => {
      const now = (await storage.get<IngestionStats>('/stats')).body.deadLetters['news.articles.v1.dlq'];
      return now !== null && now >= before! + 1 ? true : undefined;
    });
  }, 60_000);

  it('refuses query parameters on /stats', async () => {
    const { status, body } = await storage.get<{ message: string }>('/stats?window=1h');
    expect(status).toBe(400);
    expect(body.message).toBe('unknown query parameter "window"');
  });

  it('streams a newly stored article as an SSE event, and is not taken for an article id', async () => {
    const source = testSource('زنده');
    const stream = await openStream(storage.url, `?source=${encodeURIComponent(source.id)}`);
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toBe('text/event-stream; charset=utf-8');
      await waitFor('the stream to open', async () => (stream.raw.length > 0 ? true : undefined));
      expect(stream.raw[0]).toBe('retry: 3000\n: connected');
      const event = articleEvent(`live-${source.id}`, {
        source,
        title: `خبر زنده با نیم${ZWNJ}فاصله`,
        kicker: 'فوری',
        lead: 'لید خبر',
        body: 'متن',
        bodyHtml: '<p>متن</p><script>alert(1)</script>',
        tags: ['پزشکیان'],
      });
      await sendArticles([event]);
      const received = await waitFor('the article on the stream', async () =>
        stream.articles.find((a) => a.id === event.id),
      );
      // No body, no HTML: only what a list entry shows.
      expect(Object.keys(received).sort()).toEqual(
        ['id', 'kicker', 'lead', 'publishedAt', 'sortAt', 'source', 'title', 'topics', 'url'].sort(),
      );
      expect(received).toMatchObject({
        id: event.id,
        title: `خبر زنده با نیم${ZWNJ}فاصله`,
        kicker: 'فوری',
        lead: 'لید خبر',
        source,
        publishedAt: event.publishedAt,
        sortAt: event.publishedAt,
        url: event.url,
      });
      expect(received.topics).toContainEqual({ key: 'پزشکیان', name: 'پزشکیان' });
      expect(stream.raw.find((b) => b.includes(event.id))).toContain(`id: ${event.id}\n`);
    } finally {
      await stream.close();
    }
  }, 60_000);

  it('sends each client only the articles of its source and topic, the topic in any spelling', async () => {
    const source = testSource('پالایه');
    const other = testSource('دیگر');
    const bySource = await openStream(storage.url, `?source=${encodeURIComponent(source.id)}`);
    // Arabic yeh and kaf: the same topic as the Persian spelling of the tag below.
    const byTopic = await openStream(storage.url, `?topic=${encodeURIComponent('پزشكيان')}`);
    try {
      await waitFor('both streams open', async () =>
        bySource.raw.length > 0 && byTopic.raw.length > 0 ? true : undefined,
      );
      const elsewhere = articleEvent(`elsewhere-${other.id}`, {
        source: other,
        title: 'خبر منبع دیگر',
        body: 'متن',
      });
      const untagged = articleEvent(`untagged-${source.id}`, { source, title: 'خبر بی‌برچسب', body: 'متن' });
      // Stored (and so published) before the tagged one is even sent: the streams are ordered.
      await sendArticles([elsewhere, untagged]);
      for (const id of [elsewhere.id, untagged.id]) {
        await storage.stored(id);
      }
      const tagged = articleEvent(`tagged-${other.id}`, {
        source: other,
        title: 'خبر برچسب‌دار',
        body: 'متن',
        tags: ['پزشکیان'],
      });
      const mine = articleEvent(`mine-${source.id}`, { source, title: 'خبر منبع من', body: 'متن' });
      await sendArticles([tagged, mine]);
      await waitFor('the tagged article on the topic stream', async () =>
        byTopic.has(tagged.id) ? true : undefined,
      );
      await waitFor('the source article on the source stream', async () =>
        bySource.has(mine.id) ? true : undefined,
      );

      expect(bySource.has(untagged.id)).toBe(true);
      expect(bySource.has(elsewhere.id)).toBe(false);
      expect(bySource.has(tagged.id)).toBe(false);
      expect(bySource.articles.every((a) => a.source.id === source.id)).toBe(true);
      expect(byTopic.has(untagged.id)).toBe(false);
      expect(byTopic.has(elsewhere.id)).toBe(false);
      expect(byTopic.has(mine.id)).toBe(false);
      expect(byTopic.articles.every((a) => a.topics.some((t) => t.key === 'پزشکیان'))).toBe(true);
    } finally {
      await bySource.close();
      await byTopic.close();
    }
  }, 90_000);

  it('refuses a bad stream filter with a 400 naming it', async () => {
    const unknown = await storage.get<{ message: string }>('/articles/stream?tpic=x');
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('unknown query parameter "tpic"');
    const empty = await storage.get<{ message: string }>(
      `/articles/stream?topic=${encodeURIComponent('«»')}`,
    );
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('topic must contain a letter or a digit');
  });
});
