import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ArticleEvent } from '@news/contracts';
import { waitFor } from '../../../test/support/wait.js';
import { articleEvent, sendArticles, testSource, useStorage } from './storage-app.js';

interface Ranked {
  key: string;
  name: string;
  count: number;
  baseline?: number;
  zScore?: number;
}
interface Ranking {
  window: string;
  from: string;
  to: string;
  items: Ranked[];
}
interface Timeseries {
  topic: { key: string; name: string };
  bucket: string;
  from: string;
  to: string;
  points: { t: string; count: number }[];
}

const ZWNJ = '\u200C';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;
const at = (a: ArticleEvent) => Date.parse(a.publishedAt ?? a.fetchedAt);
const path = (topic: string, rest = '') => `/topics/${encodeURIComponent(topic)}${rest}`;

// Other suites publish to the same Kafka topic, and this storage stores whatever arrives while it
// runs: the topics asserted on carry a word of this run's own, or are filtered by this run's source.
const RUN = Date.now();
const WORD = 'ژ' + [...String(RUN % 1e7)].map((d) => 'بپتثجچحخدذ'[Number(d)]).join('');

describe('topics on real Kafka and PostgreSQL', () => {
  const storage = useStorage();
  const now = RUN;
  const source = testSource('موضوعات');
  let sequence = 0;
  const article = (fields: Partial<ArticleEvent> & { title: string; time: number }): ArticleEvent => {
    const { time, ...rest } = fields;
    sequence++;
    return articleEvent(`topics-${RUN}-${sequence}`, {
      source,
      body: `متن خبر شماره ${sequence}`,
      publishedAt: iso(time),
      fetchedAt: iso(time),
      parsedAt: iso(now),
      ...rest,
    });
  };

  const wave = `موج ${WORD}`; // key موج<WORD>: a burst now against a quiet week
  const stocks = `بورس ${WORD}`; // as many now as usual: not trending
  // Tagged with Persian letters; searched below with the Arabic-keyboard spelling.
  const pezeshkian = article({
    title: 'سفر پزشکیان به نیویورک',
    tags: ['پزشکیان'],
    category: 'سیاسی',
    time: now - HOUR,
  });
  // A Persian article tagged on an Arabic keyboard (ي, ك).
  const keyboardTagged = article({ title: 'نشست کارفرمایان', tags: [`كميته ${WORD}`], time: now - 4 * HOUR });
  // One compound, with and without its ZWNJ, in titles only: a key phrase of both.
  const premierZwnj = article({ title: `دیدار نخست${ZWNJ}${WORD} با هیئت`, time: now - 2 * HOUR });
  const premierSpace = article({ title: `نخست ${WORD} در تهران`, time: now - 3 * HOUR });
  const waveNow = Array.from({ length: 30 }, (_, i) =>
    article({ title: `خبر فوری ${i}`, tags: [wave], time: now - (i + 1) * 10 * MINUTE }),
  );
  // The baseline: the 7 whole UTC days before the day the 6-hour trending window starts.
  const baselineEnd = floorTo(now - 6 * HOUR, DAY);
  const waveBefore = [1, 2, 3, 4, 5, 6, 7].map((d) =>
    article({ title: `خبر قدیمی ${d}`, tags: [wave], time: baselineEnd - d * DAY + 12 * HOUR }),
  );
  // 8 a day, so 2 per 6 hours, and 2 now.
  const stocksBefore = [1, 2, 3, 4, 5, 6, 7].flatMap((d) =>
    [1, 2, 3, 4, 5, 6, 7, 8].map((h) =>
      article({ title: `بازار ${d} ${h}`, tags: [stocks], time: baselineEnd - d * DAY + h * HOUR }),
    ),
  );
  const stocksNow = [1, 2].map((i) =>
    article({ title: `بازار امروز ${i}`, tags: [stocks], time: now - i * HOUR }),
  );
  const all = [
    pezeshkian,
    keyboardTagged,
    premierZwnj,
    premierSpace,
    ...waveNow,
    ...waveBefore,
    ...stocksBefore,
    ...stocksNow,
  ];
  const inLast = (articles: ArticleEvent[], ms: number) => articles.filter((a) => at(a) >= now - ms).length;

  const ranking = async (url: string) => {
    const { status, body } = await storage.get<Ranking>(url);
    expect({ url, status }).toEqual({ url, status: 200 });
    return body;
  };
  const itemOf = (body: Ranking, key: string) => body.items.find((item) => item.key === key);
  const articleIds = async (query: string) => {
    const { status, body } = await storage.get<{ items: ArticleEvent[] }>(`/articles?${query}`);
    expect({ query, status }).toEqual({ query, status: 200 });
    return body.items.map((a) => a.id);
  };
  const timeseries = async (url: string) => {
    const { status, body } = await storage.get<Timeseries>(url);
    expect({ url, status }).toEqual({ url, status: 200 });
    return body;
  };

  beforeAll(async () => {
    await sendArticles(all);
    await waitFor('every article stored', async () => {
      const [{ n }] = await storage.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM articles WHERE source_id = $1',
        [source.id],
      );
      return n === all.length ? true : undefined;
    });
  }, 120_000);

  it('finds an article tagged پزشکیان by the Arabic-keyboard spelling پزشكيان, and by its category', async () => {
    const mine = `source=${source.id}`;
    expect(await articleIds(`${mine}&topic=${encodeURIComponent('پزشكيان')}`)).toEqual([pezeshkian.id]);
    expect(await articleIds(`${mine}&topic=${encodeURIComponent('سياسي')}`)).toEqual([pezeshkian.id]);
  });

  it('names the topic of a Persian article tagged on an Arabic keyboard with Persian ی and ک', async () => {
    const { topic } = await timeseries(path(`كميته ${WORD}`, '/timeseries'));
    expect(topic).toEqual({ key: `کمیته${WORD}`, name: `کمیته ${WORD}` });
    expect(await articleIds(`topic=${encodeURIComponent(`کمیته ${WORD}`)}`)).toEqual([keyboardTagged.id]);
  });

  it('makes a compound with and without ZWNJ one key-phrase topic, named with its ZWNJ', async () => {
    for (const spelling of [`نخست${ZWNJ}${WORD}`, `نخست ${WORD}`, `نخست${WORD}`]) {
      expect(await articleIds(`topic=${encodeURIComponent(spelling)}`)).toEqual([
        premierZwnj.id,
        premierSpace.id,
      ]);
    }
    const rows = await storage.db.query<{ article_id: string; kind: string }>(
      'SELECT article_id, kind FROM article_topics WHERE topic_key = $1 ORDER BY sort_at DESC',
      [`نخست${WORD}`],
    );
    expect(rows).toEqual([
      { article_id: premierZwnj.id, kind: 'phrase' },
      { article_id: premierSpace.id, kind: 'phrase' },
    ]);
    const { topic } = await timeseries(path(`نخست ${WORD}`, '/timeseries'));
    expect(topic.key).toBe(`نخست${WORD}`);
    expect([`نخست${ZWNJ}${WORD}`, `نخست ${WORD}`]).toContain(topic.name);
  });

  it('combines the topic filter with from/to on sortAt, newest first', async () => {
    const topic = `topic=${encodeURIComponent(wave)}`;
    const newest = [...waveNow, ...waveBefore].sort((a, b) => at(b) - at(a));
    expect(await articleIds(`${topic}&from=${iso(now - 25 * MINUTE)}`)).toEqual([
      waveNow[0].id,
      waveNow[1].id,
    ]);
    expect(await articleIds(`${topic}&from=${iso(now - 45 * MINUTE)}&to=${iso(now - 15 * MINUTE)}`)).toEqual([
      waveNow[1].id,
      waveNow[2].id,
      waveNow[3].id,
    ]);
    expect(await articleIds(`${topic}&limit=100`)).toEqual(newest.map((a) => a.id));
    // Page by page, the cursor continuing within the topic.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/articles?${topic}&limit=15${cursor ? `&cursor=${cursor}` : ''}`;
      const { body } = await storage.get<{ items: ArticleEvent[]; nextCursor: string | null }>(query);
      paged.push(...body.items.map((a) => a.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(newest.map((a) => a.id));
  });

  it('combines the topic filter with a text search', async () => {
    const topic = `topic=${encodeURIComponent(`نخست ${WORD}`)}`;
    expect(await articleIds(`${topic}&q=${encodeURIComponent('تهران')}`)).toEqual([premierSpace.id]);
    expect(await articleIds(`${topic}&q=${encodeURIComponent(WORD)}`)).toEqual([
      premierZwnj.id,
      premierSpace.id,
    ]);
  });

  it('ranks the topics of a window by article count, most first', async () => {
    const day = await ranking('/topics?window=24h&limit=100');
    expect(day.window).toBe('24h');
    expect(Date.parse(day.to) - Date.parse(day.from)).toBe(DAY);
    expect(itemOf(day, `موج${WORD}`)).toEqual({
      key: `موج${WORD}`,
      name: wave,
      count: inLast([...waveNow, ...waveBefore], DAY),
    });
    const counts = day.items.map((item) => item.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // Whole days, whole hours and the partial hours at both ends together.
    const month = await ranking('/topics?window=30d&limit=100');
    expect(itemOf(month, `موج${WORD}`)?.count).toBe(37);
    expect(itemOf(month, `بورس${WORD}`)).toEqual({ key: `بورس${WORD}`, name: stocks, count: 58 });
    expect((await ranking('/topics?window=30d&limit=2')).items).toHaveLength(2);
  });

  it('finds topics rising against their own baseline, and not the steady ones', async () => {
    const trending = await ranking('/topics/trending?window=6h&limit=100');
    expect(trending.window).toBe('6h');
    // 30 now; baseline 7 articles over 7 days = 0.25 per 6 hours; the spread floored at 1.
    expect(itemOf(trending, `موج${WORD}`)).toEqual({
      key: `موج${WORD}`,
      name: wave,
      count: 30,
      baseline: 0.25,
      zScore: 29.75,
    });
    // 56 over 7 days = 2 per 6 hours, and 2 now: z = 0.
    expect(itemOf(trending, `بورس${WORD}`)).toBeUndefined();
    const zScores = trending.items.map((item) => item.zScore ?? 0);
    expect(zScores).toEqual([...zScores].sort((a, b) => b - a));
    expect(zScores.every((z) => z > 0)).toBe(true);
  });

  it('gives a zero-filled daily timeseries (UTC days), for any spelling of the topic', async () => {
    const from = floorTo(now, DAY) - 9 * DAY;
    const body = await timeseries(
      path(`موج${ZWNJ}${WORD}`, `/timeseries?bucket=day&from=${iso(from)}&to=${iso(now)}`),
    );
    expect(body.topic).toEqual({ key: `موج${WORD}`, name: wave });
    expect(body.bucket).toBe('day');
    expect(body.from).toBe(iso(from));
    expect(body.to).toBe(iso(floorTo(now, DAY) + DAY));
    const expected = new Map<number, number>();
    for (let t = from; t <= floorTo(now, DAY); t += DAY) expected.set(t, 0);
    for (const a of [...waveNow, ...waveBefore]) {
      const day = floorTo(at(a), DAY);
      if (expected.has(day)) expected.set(day, expected.get(day)! + 1);
    }
    expect(body.points).toEqual([...expected].map(([t, count]) => ({ t: iso(t), count })));
  });

  it('gives an hourly timeseries rounded out to whole hours', async () => {
    const from = now - 5 * HOUR;
    const body = await timeseries(path(stocks, `/timeseries?bucket=hour&from=${iso(from)}`));
    expect(body.bucket).toBe('hour');
    const expected = new Map<number, number>();
    for (let t = floorTo(from, HOUR); t <= floorTo(now, HOUR); t += HOUR) expected.set(t, 0);
    for (const a of stocksNow) expected.set(floorTo(at(a), HOUR), expected.get(floorTo(at(a), HOUR))! + 1);
    expect(body.points).toEqual([...expected].map(([t, count]) => ({ t: iso(t), count })));
  });

  it('keeps the hourly and daily counts equal to the article topics', async () => {
    for (const [table, column, unit] of [
      ['topic_hourly_counts', 'hour', 'hour'],
      ['topic_daily_counts', 'day', 'day'],
    ]) {
      const mismatches = await storage.db.query(
        `SELECT * FROM (
           SELECT topic_key, date_trunc('${unit}', sort_at, 'UTC') AS bucket, count(*)::int AS n
           FROM article_topics GROUP BY 1, 2
         ) actual
         FULL JOIN (SELECT topic_key, ${column} AS bucket, count AS n FROM ${table} WHERE count <> 0) kept
           USING (topic_key, bucket)
         WHERE actual.n IS DISTINCT FROM kept.n`,
      );
      expect({ table, mismatches }).toEqual({ table, mismatches: [] });
    }
  });

  it('replaces the topics of an article when a new version of it is stored', async () => {
    const tag = `سازمان ${WORD}`;
    const revised = {
      ...pezeshkian,
      title: 'نشست خبری در نیویورک',
      tags: [tag],
      contentHash: 'f'.repeat(64),
    };
    await sendArticles([revised]);
    await waitFor('the new version', async () => {
      const { body } = await storage.get<{ revision: number }>(`/articles/${pezeshkian.id}`);
      return body.revision === 2 ? true : undefined;
    });
    expect(await articleIds(`source=${source.id}&topic=${encodeURIComponent('پزشکیان')}`)).toEqual([]);
    expect(await articleIds(`topic=${encodeURIComponent(tag)}`)).toEqual([pezeshkian.id]);
    const hour = floorTo(at(pezeshkian), HOUR);
    const { points } = await timeseries(path(tag, `/timeseries?from=${iso(hour)}&to=${iso(hour + HOUR)}`));
    expect(points).toEqual([{ t: iso(hour), count: 1 }]);
  });

  it('answers 404 for a topic no article had', async () => {
    const { status, body } = await storage.get<{ message: string }>(path(`ناموجود ${WORD}`, '/timeseries'));
    expect(status).toBe(404);
    expect(body.message).toContain('ناموجود');
  });

  it.each([
    ['/topics?window=0h', 'window'],
    ['/topics?window=91d', 'window'],
    ['/topics?window=5x', 'window'],
    ['/topics?window=24h&window=6h', 'window'],
    ['/topics?limit=0', 'limit'],
    ['/topics?limit=101', 'limit'],
    ['/topics?sort=name', 'sort'],
    ['/topics/trending?window=8d', 'window'],
    ['/topics/trending?limit=x', 'limit'],
    [path('بورس', '/timeseries?bucket=week'), 'bucket'],
    [path('بورس', '/timeseries?from=yesterday'), 'from'],
    [path('بورس', '/timeseries?from=2025-10-02&to=2025-10-01'), 'to'],
    [path('بورس', '/timeseries?bucket=hour&from=2020-01-01'), 'buckets'],
    [path('«»', '/timeseries'), 'topic'],
    [`/articles?topic=${encodeURIComponent('…')}`, 'topic'],
  ])('refuses %s with a 400 naming %s', async (url, name) => {
    const { status, body } = await storage.get<{ message: string }>(url);
    expect({ url, status }).toEqual({ url, status: 400 });
    expect(body.message).toContain(name);
  });
});
