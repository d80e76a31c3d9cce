import { describe, expect, it } from '@jest/globals';
import type { ArticleEvent } from '@news/contracts';
import { pino } from 'pino';
import { firstValueFrom, Subject, take, toArray } from 'rxjs';
import { ArticleStream } from './article-stream.js';
import { parseStreamFilter } from './article-stream.controller.js';
import { SseConnection, type SseSink } from './sse-connection.js';
import { sseComment, sseEvent } from './sse.js';
import { matchesFilter, streamedArticle, topicsOfFields, type StreamedArticle } from './streamed-article.js';

const ZWNJ = '\u200C';

const article = (id: string, fields: Partial<ArticleEvent> = {}): ArticleEvent => ({
  id,
  url: `https://www.ilna.ir/news/${id}/`,
  canonicalUrl: `https://www.ilna.ir/news/${id}/`,
  source: { id: 'ilna', name: 'ایلنا', domain: 'ilna.ir' },
  feedUrl: null,
  language: 'fa',
  kicker: null,
  title: `خبر ${id}`,
  lead: null,
  body: 'متن',
  bodyHtml: '<p>متن</p>',
  author: null,
  category: null,
  tags: [],
  images: [],
  publishedAt: null,
  publishedAtJalali: null,
  fetchedAt: '2025-10-01T08:05:00.000Z',
  parsedAt: '2025-10-01T08:05:01.000Z',
  contentHash: 'a'.repeat(64),
  ...fields,
});

/** An HTTP response stand-in (unit test only): records what is written; `stuck` stops it draining. */
class FakeSink implements SseSink {
  chunks: string[] = [];
  ended = false;
  destroyed = false;
  stuck = false;
  private onClose: (() => void) | undefined;
  get writableLength(): number {
    return this.stuck ? this.chunks.join('').length : 0;
  }
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return !this.stuck;
  }
  end(): void {
    this.ended = true;
  }
  destroy(): void {
    this.destroyed = true;
  }
  once(_event: 'close', listener: () => void): void {
    this.onClose = listener;
  }
  disconnect(): void {
    this.onClose?.();
  }
  get text(): string {
    return this.chunks.join('');
  }
}

const options = { heartbeatMs: 60_000, maxBufferedBytes: 1_000, retryMs: 3_000 };

describe('streamed articles', () => {
  it('carry the list fields, sortAt from publishedAt else fetchedAt, and no HTML', () => {
    const streamed = streamedArticle(article('a1', { lead: 'لید', kicker: 'روتیتر' }), []);
    expect(streamed).toEqual({
      id: 'a1',
      title: 'خبر a1',
      kicker: 'روتیتر',
      lead: 'لید',
      source: { id: 'ilna', name: 'ایلنا', domain: 'ilna.ir' },
      publishedAt: null,
      sortAt: '2025-10-01T08:05:00.000Z',
      url: 'https://www.ilna.ir/news/a1/',
      topics: [],
    });
    expect(streamedArticle(article('a2', { publishedAt: '2025-10-01T07:00:00.000Z' }), []).sortAt).toBe(
      '2025-10-01T07:00:00.000Z',
    );
  });

  it('fall back to category and tags as topics, one per key, first spelling kept', () => {
    // No language: names as written.
    expect(
      topicsOfFields({ category: 'اقتصاد', tags: [`نخست${ZWNJ}وزیر`, 'نخست وزیر', 'پزشكيان', '  '] }),
    ).toEqual([
      { key: 'اقتصاد', name: 'اقتصاد' },
      { key: 'نخستوزیر', name: `نخست${ZWNJ}وزیر` },
      { key: 'پزشکیان', name: 'پزشكيان' },
    ]);
    expect(topicsOfFields({ category: 'سياسي', tags: ['پزشكيان'], language: 'fa' })).toEqual([
      { key: 'سیاسی', name: 'سیاسی' },
      { key: 'پزشکیان', name: 'پزشکیان' },
    ]);
    expect(topicsOfFields({ category: 'سياسي', tags: [], language: 'ar' })).toEqual([
      { key: 'سیاسی', name: 'سياسي' },
    ]);
  });

  it('pass a filter by source id and by topic key', () => {
    const streamed = streamedArticle(article('a1'), [{ key: 'پزشکیان', name: 'پزشکیان' }]);
    expect(matchesFilter(streamed, {})).toBe(true);
    expect(matchesFilter(streamed, { source: 'ilna' })).toBe(true);
    expect(matchesFilter(streamed, { source: 'irna' })).toBe(false);
    expect(matchesFilter(streamed, { topic: 'پزشکیان' })).toBe(true);
    expect(matchesFilter(streamed, { topic: 'برجام' })).toBe(false);
    expect(matchesFilter(streamed, { source: 'ilna', topic: 'برجام' })).toBe(false);
  });
});

describe('the stream query', () => {
  it('turns a topic in any spelling into its key', () => {
    expect(parseStreamFilter({ topic: 'پزشكيان', source: 'ilna' })).toEqual({
      source: 'ilna',
      topic: 'پزشکیان',
    });
    expect(parseStreamFilter({})).toEqual({});
  });

  it('refuses unknown, repeated, empty and letterless parameters, naming them', () => {
    expect(() => parseStreamFilter({ topc: 'x' })).toThrow('unknown query parameter "topc"');
    expect(() => parseStreamFilter({ source: ['a', 'b'] })).toThrow('source must be given once');
    expect(() => parseStreamFilter({ topic: '' })).toThrow('topic must not be empty');
    expect(() => parseStreamFilter({ topic: '«…»' })).toThrow('topic must contain a letter or a digit');
  });
});

describe('Server-Sent Events', () => {
  it('writes an event as event, id and one data line, and comments on one line', () => {
    expect(sseEvent('article', { title: 'a\nb' }, 'x1')).toBe(
      'event: article\nid: x1\ndata: {"title":"a\\nb"}\n\n',
    );
    expect(sseComment('heart\nbeat')).toBe(': heart beat\n\n');
  });

  it('sends the retry delay, then the articles passing the filter', () => {
    const sink = new FakeSink();
    const articles = new Subject<StreamedArticle>();
    new SseConnection(sink, { source: 'ilna' }, options, () => {}).open(articles);
    articles.next(streamedArticle(article('a1'), []));
    articles.next(
      streamedArticle(article('a2', { source: { id: 'irna', name: 'ایرنا', domain: 'irna.ir' } }), []),
    );
    expect(sink.text.startsWith('retry: 3000\n: connected\n\n')).toBe(true);
    expect(sink.text).toContain('id: a1\n');
    expect(sink.text).not.toContain('id: a2\n');
  });

  it('sends heartbeats', async () => {
    const sink = new FakeSink();
    const articles = new Subject<StreamedArticle>();
    new SseConnection(sink, {}, { ...options, heartbeatMs: 5 }, () => {}).open(articles);
    while (!sink.text.includes(': heartbeat\n\n')) await new Promise((r) => setTimeout(r, 5));
    sink.disconnect();
    expect(articles.observed).toBe(false);
  });

  it('lets go of the stream when the client disconnects', () => {
    const sink = new FakeSink();
    const articles = new Subject<StreamedArticle>();
    new SseConnection(sink, {}, options, () => {}).open(articles);
    expect(articles.observed).toBe(true);
    sink.disconnect();
    expect(articles.observed).toBe(false);
    articles.next(streamedArticle(article('late'), []));
    expect(sink.text).not.toContain('late');
  });

  it('drops a client that leaves more than the bound unread, instead of buffering on', () => {
    const sink = new FakeSink();
    sink.stuck = true;
    const articles = new Subject<StreamedArticle>();
    const dropped: number[] = [];
    new SseConnection(sink, {}, options, (buffered) => dropped.push(buffered)).open(articles);
    for (let i = 0; i < 20; i++)
      articles.next(streamedArticle(article(`a${i}`, { lead: 'x'.repeat(100) }), []));
    expect(sink.destroyed).toBe(true);
    expect(articles.observed).toBe(false);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toBeGreaterThan(options.maxBufferedBytes);
    expect(sink.text).not.toContain('id: a19');
  });

  it('ends the response when the stream completes (shutdown)', () => {
    const sink = new FakeSink();
    const articles = new Subject<StreamedArticle>();
    new SseConnection(sink, {}, options, () => {}).open(articles);
    articles.complete();
    expect(sink.ended).toBe(true);
  });
});

describe('ArticleStream', () => {
  const logger = pino({ level: 'silent' });

  it('reads the topics of a published batch and emits its articles in order', async () => {
    const asked: string[][] = [];
    const stream = new ArticleStream(
      {
        async topicsOf(ids) {
          asked.push([...ids]);
          return new Map([['a2', [{ key: 'برجام', name: 'برجام' }]]]);
        },
      },
      logger,
    );
    const received = firstValueFrom(stream.articles.pipe(take(2), toArray()));
    stream.publish([article('a1'), article('a2')]);
    expect((await received).map((a) => [a.id, a.topics])).toEqual([
      ['a1', []],
      ['a2', [{ key: 'برجام', name: 'برجام' }]],
    ]);
    expect(asked).toEqual([['a1', 'a2']]);
  });

  it('reads nothing while nobody listens', async () => {
    const asked: string[][] = [];
    const stream = new ArticleStream(
      {
        async topicsOf(ids) {
          asked.push([...ids]);
          return new Map();
        },
      },
      logger,
    );
    stream.publish([article('a1')]);
    await stream.flushed();
    expect(asked).toEqual([]);
  });

  it('streams category and tags as topics when the topics cannot be read', async () => {
    const stream = new ArticleStream(
      {
        async topicsOf() {
          throw new Error('relation "article_topics" does not exist');
        },
      },
      logger,
    );
    const received = firstValueFrom(stream.articles);
    stream.publish([article('a1', { tags: ['پزشكيان'] })]); // a Persian article
    expect((await received).topics).toEqual([{ key: 'پزشکیان', name: 'پزشکیان' }]);
  });
});
