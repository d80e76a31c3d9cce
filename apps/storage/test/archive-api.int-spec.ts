import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ArticleEvent } from '@news/contracts';
import { createHash } from 'node:crypto';
import { FIRST_LOOK_ROWS } from '../src/articles/article.repository.js';
import { waitFor } from '../../../test/support/wait.js';
import { articleEvent, sendArticles, testSource, useStorage } from './storage-app.js';

type Page = { items: ArticleEvent[]; nextCursor: string | null };

describe('archive API on real Kafka and PostgreSQL: search, revisions, sources', () => {
  const storage = useStorage();
  const ids = async (query: string) => {
    const { status, body } = await storage.get<Page>(`/articles?${query}`);
    expect({ query, status }).toEqual({ query, status: 200 });
    return body.items.map((a) => a.id);
  };

  describe('search', () => {
    const source = testSource('جستجو');
    // With a ZWNJ, as Persian should be written, and with Persian digits.
    const premier = articleEvent('search-premier', {
      source,
      title: 'سفر نخست‌وزیر عراق به تهران',
      lead: 'دیدار در روز ۱۲ مهر ۱۴۰۴',
      body: 'نخست‌وزیر عراق امروز با همتای ایرانی خود دیدار کرد.',
      publishedAt: '2025-10-04T08:00:00.000Z',
    });
    // Typed on an Arabic keyboard: ي and ك, and Arabic-Indic digits.
    const arabicKeyboard = articleEvent('search-arabic-keyboard', {
      source,
      title: 'وزير كار از افزايش دستمزد خبر داد',
      body: 'وزير كار گفت دستمزد كارگران از ١٤٠٤ افزايش مي يابد.',
      publishedAt: '2025-10-03T08:00:00.000Z',
    });
    // Older, and the compound written with a plain space.
    const olderPremier = articleEvent('search-older-premier', {
      source,
      title: 'گفت‌وگوی تلفنی نخست وزیر',
      body: 'نخست وزیر در تماسی تلفنی درباره مرزها گفت‌وگو کرد.',
      publishedAt: '2025-09-01T08:00:00.000Z',
    });
    // Unrelated, though it has both words: never adjacent.
    const unrelated = articleEvent('search-unrelated', {
      source,
      title: 'بارش باران در شمال کشور',
      body: 'نخست باید گفت که وزیر نیرو از بارش‌ها خبر داد و کار سدها را بررسی کرد.',
      publishedAt: '2025-10-02T08:00:00.000Z',
    });

    const names = new Map(
      Object.entries({ premier, arabicKeyboard, olderPremier, unrelated }).map(([name, a]) => [a.id, name]),
    );
    const found = async (q: string) =>
      (await ids(`source=${source.id}&q=${encodeURIComponent(q)}`)).map((id) => names.get(id) ?? id);

    beforeAll(async () => {
      await sendArticles([premier, arabicKeyboard, olderPremier, unrelated]);
      for (const a of [premier, arabicKeyboard, olderPremier, unrelated]) await storage.stored(a.id);
    }, 60_000);

    it.each([
      ['نخست وزیر', 'a space'],
      ['نخست\u200cوزیر', 'a ZWNJ'],
      ['نخستوزیر', 'nothing'],
      ['نخست وزير', 'a space and Arabic yeh'],
      ['  نخست\u200c  وزیر ', 'extra spaces around a ZWNJ'],
    ])(
      'finds the same two articles for %s (the compound written with %s), and not the unrelated one',
      async (q) => {
        expect(await found(q)).toEqual(['premier', 'olderPremier']);
      },
    );

    it.each([
      ['وزیر کار', ['arabicKeyboard']], // Persian letters find the Arabic-keyboard text
      ['وزير كار', ['arabicKeyboard']], // and Arabic letters find it too
      ['کارگران', ['arabicKeyboard']],
      ['1404', ['premier', 'arabicKeyboard']], // ASCII digits find Persian ۱۴۰۴ and Arabic-Indic ١٤٠٤
      ['۱۴۰۴', ['premier', 'arabicKeyboard']],
      ['١٤٠٤', ['premier', 'arabicKeyboard']],
      ['افزایش می‌یابد', ['arabicKeyboard']], // the text has "مي يابد": one key however می is joined
      ['بارش ها', ['unrelated']],
      ['نخستوزیران', []],
      ['سیل', []],
      // Phrases separated by commas: an article must have them all, anywhere.
      ['نخست وزیر، مرزها', ['olderPremier']],
      ['وزیر, کار, باران', ['unrelated']],
      ['دستمزد، ١٤٠٤', ['arabicKeyboard']],
      ['نخست وزیر، سیل', []],
    ])('q=%s finds %j', async (q, expected) => {
      expect(await found(q)).toEqual(expected);
    });

    it('finds the article without a source filter too', async () => {
      const found = await ids(`limit=100&q=${encodeURIComponent('همتای ایرانی')}`);
      expect(found).toContain(premier.id);
      expect(found).not.toContain(unrelated.id);
    });

    it('combines q with from and to, and pages through the matches with a cursor', async () => {
      const q = `source=${source.id}&q=${encodeURIComponent('نخست وزیر')}`;
      expect(await ids(`${q}&from=2025-10-01`)).toEqual([premier.id]);
      expect(await ids(`${q}&to=2025-10-01T00:00:00Z`)).toEqual([olderPremier.id]);
      expect(await ids(`${q}&from=2025-09-01T08:00:00Z&to=2025-10-04T08:00:00Z`)).toEqual([olderPremier.id]);
      expect(await ids(`${q}&since=2025-09-01T11:30:00%2B03:30&to=2025-10-04T08:00:00.001Z`)).toEqual([
        premier.id,
        olderPremier.id,
      ]);
      const first = await storage.get<Page>(`/articles?${q}&limit=1`);
      expect(first.body.items.map((a) => a.id)).toEqual([premier.id]);
      const second = await storage.get<Page>(`/articles?${q}&limit=1&cursor=${first.body.nextCursor}`);
      expect(second.body).toEqual({
        items: [expect.objectContaining({ id: olderPremier.id })],
        nextCursor: null,
      });
    });

    it('returns articles with their own characters, not the search key', async () => {
      const { body } = await storage.get<Page>(
        `/articles?source=${source.id}&q=${encodeURIComponent('وزیر کار')}`,
      );
      expect(body.items[0]).toMatchObject({ title: 'وزير كار از افزايش دستمزد خبر داد', revision: 1 });
      expect(Object.keys(body.items[0])).not.toContain('searchText');
    });

    it('with view=summary, lists the same articles without body and bodyHtml', async () => {
      const q = `source=${source.id}&q=${encodeURIComponent('نخست وزیر')}`;
      const full = await storage.get<Page>(`/articles?${q}`);
      const summary = await storage.get<Page>(`/articles?${q}&view=summary`);
      expect(summary.status).toBe(200);
      expect(summary.body.items.map((a) => a.id)).toEqual([premier.id, olderPremier.id]);
      expect(summary.body.items).toEqual(full.body.items.map(({ body, bodyHtml, ...rest }) => rest));
    });
  });

  describe('search beyond the newest rows it reads first', () => {
    const source = testSource('انبوه');
    // Twenty times what the first look reads, one minute apart: 3.5 days.
    const rows = 20 * FIRST_LOOK_ROWS;
    const idOf = (n: number) => createHash('md5').update(`${source.id}-${n}`).digest('hex');

    // Written straight to the table, as many rows as the first step reads and more; the search
    // keys are what the upsert would write for this already-normalized text.
    beforeAll(async () => {
      await storage.db.query('INSERT INTO sources (id, name, domain) VALUES ($1, $2, $3)', [
        source.id,
        source.name,
        source.domain,
      ]);
      await storage.db.query(
        `INSERT INTO articles (id, url, canonical_url, source_id, language, title, body, body_html, published_at,
           fetched_at, parsed_at, content_hash, search_compact)
         SELECT md5($1 || '-' || n), 'https://bulk.example/' || n, 'https://bulk.example/' || n, $1, 'fa',
           'پرکننده', body, '', t, t, t, repeat('0', 64), 'پرکننده' || replace(replace(body, ' ', ''), U&'\\200C', '')
         FROM generate_series(1, $2) AS n,
           LATERAL (SELECT timestamptz '2025-06-01' - n * interval '1 minute') AS x(t),
           LATERAL (SELECT CASE WHEN n = $2 THEN 'خبر کمیاب'
                      WHEN n = $2 - 1 THEN 'سهم 50%_ویژه' WHEN n = $2 - 2 THEN 'سهم 5000 ویژه' ELSE 'متن ' || n
                      || CASE WHEN n % 1000 = 0 THEN ' نشانه‌هزار' WHEN n % 100 = 0 THEN ' نشانه‌صد' ELSE '' END
                    END) AS y(body)`,
        [source.id, rows],
      );
    }, 60_000);

    it('finds a match older than the newest rows, through the trigram index', async () => {
      expect(await ids(`source=${source.id}&q=${encodeURIComponent('خبر کمیاب')}`)).toEqual([idOf(rows)]);
    });

    it('matches % and _ in a key as themselves, through the trigram index and among the rows read first', async () => {
      const q = `source=${source.id}&q=${encodeURIComponent('50%_')}`;
      // As wildcards they would match «سهم 5000 ویژه» too, the row next to it.
      expect(await ids(q)).toEqual([idOf(rows - 1)]);
      // Twenty minutes around it: fewer rows than the first look reads, so no index is asked.
      const markedAt = Date.parse('2025-06-01T00:00:00Z') - (rows - 1) * 60_000;
      const window = (minutes: number) => new Date(markedAt + minutes * 60_000).toISOString();
      expect(await ids(`${q}&from=${window(-10)}&to=${window(10)}`)).toEqual([idOf(rows - 1)]);
    });

    it('finds the newest matches of a key in 1 row in 100, through the recent days of the search index', async () => {
      const hundreds = Array.from({ length: 20 }, (_, i) => (i + 1) * 100).filter((n) => n % 1000 !== 0);
      expect(await ids(`source=${source.id}&limit=18&q=${encodeURIComponent('نشانه‌صد')}`)).toEqual(
        hundreds.map(idOf),
      );
    });

    it('pages through a key in 1 row in 1,000 in order, through the search index', async () => {
      const first = await storage.get<Page>(
        `/articles?source=${source.id}&limit=2&q=${encodeURIComponent('نشانه هزار')}`,
      );
      expect(first.body.items.map((a) => a.id)).toEqual([idOf(1000), idOf(2000)]);
      const next = await storage.get<Page>(
        `/articles?source=${source.id}&limit=2&q=${encodeURIComponent('نشانه هزار')}&cursor=${first.body.nextCursor}`,
      );
      expect(next.body.items.map((a) => a.id)).toEqual([idOf(3000), idOf(4000)]);
    });

    it('finds the rows that have every one of several phrases, through the search index', async () => {
      // Every row with the 1-in-1,000 mark also has «متن»: the newest three, none among the rows read first.
      expect(await ids(`source=${source.id}&limit=3&q=${encodeURIComponent('نشانه هزار، متن')}`)).toEqual(
        [1000, 2000, 3000].map(idOf),
      );
      // The one row with «خبر کمیاب» has no mark.
      expect(await ids(`source=${source.id}&q=${encodeURIComponent('نشانه هزار، خبر کمیاب')}`)).toEqual([]);
    });

    it('finds the newest matches of a key every row has', async () => {
      expect(await ids(`source=${source.id}&limit=3&q=${encodeURIComponent('پرکننده')}`)).toEqual([
        idOf(1),
        idOf(2),
        idOf(3),
      ]);
    });
  });

  describe('revisions', () => {
    const source = testSource('ویرایش');
    const v1 = articleEvent('revised', {
      source,
      title: 'آمار اولیه زلزله',
      body: 'شمار مصدومان ۱۰ نفر اعلام شد.',
      parsedAt: '2025-10-05T08:00:00.000Z',
    });
    const v2 = articleEvent('revised', {
      source,
      title: 'آمار تازه زلزله',
      body: 'شمار مصدومان به ۲۵ نفر رسید.',
      parsedAt: '2025-10-05T09:00:00.000Z',
    });

    it('keeps the previous version when the content hash changes, newest first', async () => {
      await sendArticles([v1]);
      await storage.stored(v1.id);
      expect((await storage.get(`/articles/${v1.id}/revisions`)).body).toEqual({
        items: [
          {
            revision: 1,
            contentHash: v1.contentHash,
            title: 'آمار اولیه زلزله',
            body: 'شمار مصدومان ۱۰ نفر اعلام شد.',
            parsedAt: '2025-10-05T08:00:00.000Z',
            storedAt: expect.any(String),
          },
        ],
      });
      await sendArticles([v2, v1]); // the replayed older parse must not add a revision
      await waitFor('revision 2', async () =>
        (await storage.get<{ revision: number }>(`/articles/${v1.id}`)).body.revision === 2
          ? true
          : undefined,
      );
      const marker = articleEvent('revised-marker', { source, title: 'نشانگر', body: 'پایان' });
      await sendArticles([marker]);
      await storage.stored(marker.id);
      const { status, body } = await storage.get<{ items: { storedAt: string }[] }>(
        `/articles/${v1.id}/revisions`,
      );
      expect(status).toBe(200);
      expect(body.items).toEqual([
        {
          revision: 2,
          contentHash: v2.contentHash,
          title: 'آمار تازه زلزله',
          body: 'شمار مصدومان به ۲۵ نفر رسید.',
          parsedAt: '2025-10-05T09:00:00.000Z',
          storedAt: expect.any(String),
        },
        {
          revision: 1,
          contentHash: v1.contentHash,
          title: 'آمار اولیه زلزله',
          body: 'شمار مصدومان ۱۰ نفر اعلام شد.',
          parsedAt: '2025-10-05T08:00:00.000Z',
          storedAt: expect.any(String),
        },
      ]);
      expect(Date.parse(body.items[0].storedAt)).toBeGreaterThanOrEqual(Date.parse(body.items[1].storedAt));
      // The search key followed the new text.
      expect(await ids(`source=${source.id}&q=${encodeURIComponent('۲۵ نفر')}`)).toEqual([v1.id]);
      expect(await ids(`source=${source.id}&q=${encodeURIComponent('۱۰ نفر')}`)).toEqual([]);
    }, 60_000);

    it.each([`${'0'.repeat(32)}`, 'not-an-id'])('answers 404 for the revisions of %s', async (id) => {
      const { status, body } = await storage.get<{ message: string }>(`/articles/${id}/revisions`);
      expect(status).toBe(404);
      expect(body.message).toBe(`no article with id ${id}`);
    });
  });

  describe('sources', () => {
    const labour = testSource('خبرگزاری کار');
    const sport = testSource('ورزش');

    it('lists each source with its article count and the time of its newest article', async () => {
      const events = [
        articleEvent('labour-1', {
          source: labour,
          title: 'یک',
          body: 'خبر یک',
          publishedAt: '2025-10-01T06:00:00.000Z',
        }),
        articleEvent('labour-2', {
          source: labour,
          title: 'دو',
          body: 'خبر دو',
          publishedAt: '2025-10-03T06:00:00.000Z',
        }),
        articleEvent('labour-3', {
          source: labour,
          title: 'سه',
          body: 'خبر سه',
          publishedAt: null,
          fetchedAt: '2025-10-02T06:00:00.000Z',
        }),
        articleEvent('sport-1', {
          source: sport,
          title: 'چهار',
          body: 'خبر چهار',
          publishedAt: '2025-09-30T18:00:00.000Z',
        }),
      ];
      await sendArticles(events);
      for (const e of events) await storage.stored(e.id);
      const { status, body } = await storage.get<{ items: { id: string }[] }>('/sources');
      expect(status).toBe(200);
      const mine = body.items.filter((s) => s.id === labour.id || s.id === sport.id);
      expect(mine).toEqual(
        [
          { ...labour, articleCount: 3, lastArticleAt: '2025-10-03T06:00:00.000Z' },
          { ...sport, articleCount: 1, lastArticleAt: '2025-09-30T18:00:00.000Z' },
        ].sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
    }, 60_000);
  });
});
