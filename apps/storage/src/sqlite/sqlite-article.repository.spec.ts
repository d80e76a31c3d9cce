import { beforeEach, describe, expect, it } from '@jest/globals';
import type { ArticleEvent, Source } from '@news/contracts';
import { createHash } from 'node:crypto';
import { useTemporarySqlite } from '../../test/temporary-sqlite.js';
import { FIRST_LOOK_ROWS } from '../articles/article.repository.js';
import { encodeCursor, parseListQuery } from '../articles/list-query.js';
import { SqliteArticleRepository } from './sqlite-article.repository.js';
import { SqliteRevisionRepository } from './sqlite-revision.repository.js';
import { SqliteSourceRepository } from './sqlite-source.repository.js';

const ILNA: Source = { id: 'ilna', name: 'ایلنا', domain: 'ilna.ir' };
const IRNA: Source = { id: 'irna', name: 'ایرنا', domain: 'irna.ir' };

function article(key: string, fields: Partial<ArticleEvent> = {}): ArticleEvent {
  const id = createHash('sha256').update(key).digest('hex').slice(0, 32);
  const body = fields.body ?? `متن خبر ${key}`;
  return {
    id,
    url: `https://ilna.ir/news/${key}/`,
    canonicalUrl: `https://ilna.ir/news/${key}/`,
    source: ILNA,
    feedUrl: 'https://ilna.ir/rss',
    language: 'fa',
    kicker: null,
    title: `خبر ${key}`,
    lead: null,
    body,
    bodyHtml: `<p>${body}</p>`,
    author: null,
    category: 'سیاسی',
    tags: ['مجلس'],
    images: [],
    publishedAt: '2025-10-01T08:00:00.000Z',
    publishedAtJalali: null,
    fetchedAt: '2025-10-01T08:05:00.000Z',
    parsedAt: '2025-10-01T08:05:01.000Z',
    ...fields,
    contentHash: createHash('sha256').update(body).digest('hex'),
  };
}

describe('SqliteArticleRepository on a temporary file', () => {
  const sqlite = useTemporarySqlite();
  let articles: SqliteArticleRepository;

  beforeEach(() => {
    articles = new SqliteArticleRepository(sqlite.db);
  });

  it('inserts, ignores a repeat, updates on a new hash, and never lets an older parse win', async () => {
    const v1 = article('a', { body: 'متن نخست' });
    expect(await articles.upsertBatch([v1, v1])).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
      written: [v1.id],
    });
    expect(await articles.upsertBatch([v1])).toEqual({ inserted: 0, updated: 0, unchanged: 1, written: [] });

    const v2 = article('a', { body: 'متن اصلاح‌شده', parsedAt: '2025-10-01T09:00:00.000Z' });
    expect(await articles.upsertBatch([v2])).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 0,
      written: [v1.id],
    });
    // A replay of the older parse changes nothing.
    expect(await articles.upsertBatch([v1])).toEqual({ inserted: 0, updated: 0, unchanged: 1, written: [] });

    expect(await articles.findById(v1.id)).toEqual({
      ...v2,
      subtitle: null,
      newsCode: null,
      attribution: null,
      revision: 2,
    });
    expect(await articles.findById('0'.repeat(32))).toBeNull();

    const history = await new SqliteRevisionRepository(sqlite.db).history(v1.id);
    expect(history?.map(({ revision, contentHash, body }) => ({ revision, contentHash, body }))).toEqual([
      { revision: 2, contentHash: v2.contentHash, body: 'متن اصلاح‌شده' },
      { revision: 1, contentHash: v1.contentHash, body: 'متن نخست' },
    ]);
    expect(history?.[1].parsedAt).toBe('2025-10-01T08:05:01.000Z');
    expect(await new SqliteRevisionRepository(sqlite.db).history('f'.repeat(32))).toBeNull();
  });

  it('keeps the newest parse of an id within one batch', async () => {
    const older = article('b', { body: 'قدیمی', parsedAt: '2025-10-01T08:00:00.000Z' });
    const newer = article('b', { body: 'جدید', parsedAt: '2025-10-01T10:00:00.000Z' });
    await articles.upsertBatch([newer, older]);
    expect(await articles.findById(newer.id)).toMatchObject({ body: 'جدید', revision: 1 });
  });

  it('stores optional fields and JSON fields as they came, ZWNJ included', async () => {
    const full = article('c', {
      title: 'نخست‌وزیر در مجلس',
      subtitle: 'زیرعنوان',
      newsCode: '۱۲۳۴',
      attribution: 'ایلنا',
      tags: ['نخست‌وزیر', 'مجلس'],
      images: [
        { url: 'https://ilna.ir/a.jpg', caption: 'عکس' },
        { url: 'https://ilna.ir/b.jpg', caption: null },
      ],
      quality: { extractedBy: { title: 'profile', body: 'dom' }, flags: ['dateFromFeed'] },
      publishedAt: null,
      publishedAtJalali: '1404-07-09T11:30:00+03:30',
    });
    await articles.upsertBatch([full]);
    expect(await articles.findById(full.id)).toEqual({ ...full, revision: 1 });
  });

  it('pages newest first with the same cursors as PostgreSQL, and filters by source and time', async () => {
    const events = [1, 2, 3, 4, 5].map((day) =>
      article(`p${day}`, { publishedAt: `2025-10-0${day}T08:00:00.000Z`, source: day === 3 ? IRNA : ILNA }),
    );
    // Two articles at the same instant: the id breaks the tie, as in PostgreSQL.
    const twin = article('p4-twin', { publishedAt: '2025-10-04T08:00:00.000Z' });
    await articles.upsertBatch([...events, twin]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const query = parseListQuery({ limit: '2', ...(cursor ? { cursor } : {}) });
      const page = await articles.list({ ...query, limit: query.limit + 1 });
      seen.push(...page.items.slice(0, 2).map((a) => a.id));
      cursor = page.items.length > 2 ? encodeCursor(page.sortKeys[1]) : undefined;
    } while (cursor);
    const [p4, p4twin] = [events[3].id, twin.id].sort().reverse();
    expect(seen).toEqual([events[4].id, p4, p4twin, events[2].id, events[1].id, events[0].id]);

    const window = await articles.list(
      parseListQuery({
        source: 'ilna',
        from: '2025-10-02T00:00:00Z',
        to: '2025-10-05T00:00:00Z',
        limit: '100',
      }),
    );
    expect(window.items.map((a) => a.publishedAt)).toEqual([
      '2025-10-04T08:00:00.000Z',
      '2025-10-04T08:00:00.000Z',
      '2025-10-02T08:00:00.000Z',
    ]);
  });

  it('orders by fetchedAt when publishedAt is missing, with instants of any precision', async () => {
    const undated = article('u', { publishedAt: null, fetchedAt: '2025-10-03T00:00:00.000Z' });
    // Stored as toISOString() writes it, so that text order stays time order.
    const offset = article('o', { publishedAt: '2025-10-03T00:00:00.5Z' });
    await articles.upsertBatch([undated, offset]);
    const page = await articles.list({ limit: 10 });
    expect(page.items.map((a) => a.id)).toEqual([offset.id, undated.id].sort().reverse());
    expect(page.sortKeys.map((k) => k.sortAt.toISOString())).toEqual([
      '2025-10-03T00:00:00.500Z',
      '2025-10-03T00:00:00.000Z',
    ]);
  });

  it('finds a compound word whichever way it is spelled, and Arabic ي/ك as Persian ی/ک', async () => {
    const zwnj = article('zwnj', { title: 'سفر نخست‌وزیر به مشهد' });
    const spaced = article('spaced', { title: 'دیدار نخست وزیر با کارگران' });
    const arabic = article('arabic', { title: 'گزارش كارگران يزد' });
    const other = article('other', { title: 'بازار ارز' });
    await articles.upsertBatch([zwnj, spaced, arabic, other]);
    const search = async (q: string) =>
      (await articles.list(parseListQuery({ q, limit: '100' }))).items.map((a) => a.id).sort();

    const primeMinister = [zwnj.id, spaced.id].sort();
    expect(await search('نخستوزیر')).toEqual(primeMinister);
    expect(await search('نخست‌وزیر')).toEqual(primeMinister);
    expect(await search('نخست وزیر')).toEqual(primeMinister);
    expect(await search('کارگران یزد')).toEqual([arabic.id]);
    expect(await search('كارگران')).toEqual([spaced.id, arabic.id].sort());
    // A LIKE wildcard in a query matches itself only (unescaped, this would find نخستوزیر).
    expect(await search('ن%ر')).toEqual([]);
  });

  it('finds matches beyond the newest rows through the trigram index, which follows every revision', async () => {
    // More articles than the first look reads, one minute apart, newest first by n.
    const at = (n: number) => new Date(Date.UTC(2025, 9, 1) - n * 60_000).toISOString();
    const bulk = (n: number, body: string) => article(`bulk-${n}`, { body, publishedAt: at(n) });
    const rows = 3 * FIRST_LOOK_ROWS;
    await articles.upsertBatch(
      Array.from({ length: rows }, (_, i) =>
        bulk(i + 1, i + 1 === rows ? 'طرح آبخیزداری در یزد' : `گزارش شماره ${i + 1}`),
      ),
    );
    const search = async (q: string, limit = '5') =>
      (await articles.list(parseListQuery({ q, limit }))).items.map((a) => a.id);

    expect(await search('آبخیز‌داری')).toEqual([bulk(rows, '').id]);
    // Several phrases, separated by commas: the article with them all.
    expect(await search('آبخیزداری، یزد')).toEqual([bulk(rows, '').id]);
    expect(await search('آبخیزداری، گزارش شماره')).toEqual([]);
    // Two characters have no trigram: read newest first instead, still found.
    expect(await search('یز')).toEqual([bulk(rows, '').id]);
    // A new revision's text is searchable at once and its old text no more.
    await articles.upsertBatch([
      {
        ...bulk(rows, 'طرح آبخیزداری در یزد'),
        body: 'طرح آبرسانی در یزد',
        contentHash: 'b'.repeat(64),
        parsedAt: '2025-10-02T00:00:00.000Z',
      },
    ]);
    expect(await search('آبخیزداری')).toEqual([]);
    expect(await search('آبرسانی')).toEqual([bulk(rows, '').id]);
    // A key every article has: the newest page, from the first look.
    expect(await search('گزارش شماره', '3')).toEqual([1, 2, 3].map((n) => bulk(n, '').id));
  });

  it('counts articles per source, with the time of the newest', async () => {
    await articles.upsertBatch([
      article('s1', { publishedAt: '2025-10-01T08:00:00.000Z' }),
      article('s2', { publishedAt: '2025-10-02T08:00:00.000Z' }),
      article('s3', { source: IRNA, publishedAt: null, fetchedAt: '2025-09-30T00:00:00.000Z' }),
    ]);
    // An article moving to another source moves its count.
    await articles.upsertBatch([
      article('s2', {
        source: IRNA,
        body: 'منتقل شد',
        publishedAt: '2025-10-02T08:00:00.000Z',
        parsedAt: '2025-10-02T09:00:00.000Z',
      }),
    ]);
    expect(await new SqliteSourceRepository(sqlite.db).list()).toEqual([
      { ...ILNA, articleCount: 1, lastArticleAt: '2025-10-01T08:00:00.000Z' },
      { ...IRNA, articleCount: 2, lastArticleAt: '2025-10-02T08:00:00.000Z' },
    ]);
  });

  it('reports a row the store refuses as a data error (SQLSTATE class 23), so the writer dead-letters it', async () => {
    const broken = { ...article('broken'), title: null as unknown as string };
    await expect(articles.upsertBatch([broken])).rejects.toMatchObject({
      code: '23000',
      message: expect.stringContaining('NOT NULL constraint failed: articles.title'),
    });
    expect(await articles.list({ limit: 10 })).toEqual({ items: [], sortKeys: [] });
  });

  it('answers a ping', async () => {
    await expect(articles.ping()).resolves.toBeUndefined();
  });
});
