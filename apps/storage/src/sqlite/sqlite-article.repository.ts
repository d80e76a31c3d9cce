import type { ArticleEvent, Source } from '@news/contracts';
import { TopicExtractor, type TopicAnalysis } from '@news/topics';
import {
  TOPIC_WARM_UP_ARTICLES,
  type ArticleRepository,
  type ListQuery,
  type StoredArticle,
  type UpsertCounts,
} from '../articles/article.repository.js';
import { latestPerId } from '../articles/latest-per-id.js';
import { articleSearchText, containsPattern } from '../articles/search-key.js';
import { isoInstant, type PublicApi, type SqliteDatabase } from './sqlite-database.js';
import { IngestionCounter } from './sqlite-stats.repository.js';
import { TopicWriter } from './sqlite-topic.repository.js';

/** What the rest of storage uses of ArticleRepository: the SQLite store provides the same. */
export type ArticleStore = PublicApi<ArticleRepository>;

const COLUMNS = [
  'id',
  'url',
  'canonical_url',
  'source_id',
  'feed_url',
  'language',
  'kicker',
  'title',
  'lead',
  'body',
  'body_html',
  'author',
  'category',
  'tags',
  'images',
  'published_at',
  'published_at_jalali',
  'fetched_at',
  'parsed_at',
  'content_hash',
  'subtitle',
  'news_code',
  'attribution',
  'quality',
  'search_compact',
] as const;

const UPDATED = COLUMNS.filter((c) => c !== 'id')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

// Every column the API shows, without the search key (one more copy of the body).
const SELECT = `SELECT a.id, a.url, a.canonical_url, a.source_id, a.feed_url, a.language, a.kicker, a.title,
  a.lead, a.body, a.body_html, a.author, a.category, a.tags, a.images, a.published_at, a.published_at_jalali,
  a.fetched_at, a.parsed_at, a.content_hash, a.subtitle, a.news_code, a.attribution, a.quality, a.revision,
  a.sort_at, s.name AS source_name, s.domain AS source_domain
  FROM articles a JOIN sources s ON s.id = a.source_id`;

/**
 * Articles and sources in the embedded SQLite store, with the semantics of the PostgreSQL
 * ArticleRepository: idempotent upsert by id, revision + 1 on a new contentHash, an older
 * parse never overwriting a newer one (the archive and source counts are triggers, schema.ts),
 * and the same (sortAt, id) keyset order, so cursors are interchangeable.
 *
 * In the same transaction the written articles' topics replace their old ones and the /stats
 * ingestion counters are counted: what triggers do in PostgreSQL is done here, in one place.
 *
 * better-sqlite3 is synchronous: a batch is one transaction of prepared statements, which
 * costs microseconds per row and needs no pool; the event loop waits for it, which for a
 * single-process embedded store is the simplest correct thing.
 */
export class SqliteArticleRepository implements ArticleStore {
  private readonly upsertSource;
  private readonly upsertArticle;
  private readonly writeBatch;
  private warmedUp = false;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly topics = new TopicExtractor(),
    /** When written articles are counted in the ingestion counters. */
    clock: () => Date = () => new Date(),
  ) {
    this.upsertSource = db.prepare<[string, string, string]>(
      `INSERT INTO sources (id, name, domain) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, domain = excluded.domain
       WHERE (sources.name, sources.domain) IS NOT (excluded.name, excluded.domain)`,
    );
    // RETURNING gives a row only when something was written; a new row is revision 1, an
    // updated one at least 2, which tells inserts from updates.
    this.upsertArticle = db.prepare<
      Record<string, unknown>,
      { id: string; revision: number; sort_at: string }
    >(
      `INSERT INTO articles (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${UPDATED},
         revision = articles.revision + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       WHERE articles.content_hash <> excluded.content_hash AND articles.parsed_at <= excluded.parsed_at
       RETURNING id, revision, sort_at`,
    );
    const topicWriter = new TopicWriter(db);
    const counter = new IngestionCounter(db);
    this.writeBatch = db.transaction((articles: ArticleEvent[]) => {
      for (const source of uniqueSources(articles.map((a) => a.source))) {
        this.upsertSource.run(source.id, source.name, source.domain);
      }
      const written: string[] = [];
      const analyses: TopicAnalysis[] = [];
      let inserted = 0;
      const now = clock();
      for (const article of articles) {
        const row = this.upsertArticle.get(toRow(article));
        if (!row) continue;
        written.push(row.id);
        const isNew = row.revision === 1;
        if (isNew) inserted += 1;
        const analysis = this.topics.analyze(article);
        analyses.push(analysis);
        topicWriter.replace(row.id, row.sort_at, analysis.topics);
        counter.count(now, isNew ? 'inserted' : 'updated', new Date(article.fetchedAt));
      }
      const counts: UpsertCounts = {
        inserted,
        updated: written.length - inserted,
        unchanged: articles.length - written.length,
        written,
      };
      return { counts, analyses };
    });
  }

  async upsertBatch(articles: ArticleEvent[]): Promise<UpsertCounts> {
    const unique = latestPerId(articles);
    if (unique.length === 0) return { inserted: 0, updated: 0, unchanged: 0, written: [] };
    this.warmUpTopics();
    let result: { counts: UpsertCounts; analyses: TopicAnalysis[] };
    try {
      // BEGIN IMMEDIATE: the write lock up front, so a second process waits instead of deadlocking.
      result = this.writeBatch.immediate(unique);
    } catch (error) {
      throw asDataError(error);
    }
    // Learned only once committed, as in PostgreSQL: a failed batch is not learned twice.
    for (const analysis of result.analyses) this.topics.learn(analysis.phraseKeys);
    return result.counts;
  }

  /** The key-phrase background learns the newest stored articles once, before the first batch. */
  private warmUpTopics(): void {
    if (this.warmedUp) return;
    const recent = this.db
      .prepare<[number], { title: string; lead: string | null }>(
        'SELECT title, lead FROM articles ORDER BY sort_at DESC, id DESC LIMIT ?',
      )
      .all(TOPIC_WARM_UP_ARTICLES);
    // Oldest first, so that the newest are in the background's current generation.
    for (const article of recent.reverse()) this.topics.learnArticle(article);
    this.warmedUp = true;
  }

  async findById(id: string): Promise<StoredArticle | null> {
    const row = this.db.prepare<[string], ArticleRow>(`${SELECT} WHERE a.id = ?`).get(id);
    return row ? toArticle(row) : null;
  }

  /**
   * Newest first by (sortAt, id), `query.limit` rows at most. A search is a LIKE on the same
   * compact key PostgreSQL uses, read newest first along the sort index until the page is full:
   * no trigram index, so a rare key reads the whole window, fine at embedded sizes.
   */
  async list(
    query: ListQuery,
  ): Promise<{ items: StoredArticle[]; sortKeys: { sortAt: Date; id: string }[] }> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.topic !== undefined) {
      where.push('EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = a.id AND t.topic_key = ?)');
      params.push(query.topic);
    }
    if (query.source) {
      where.push('a.source_id = ?');
      params.push(query.source);
    }
    if (query.since) {
      where.push('a.sort_at >= ?');
      params.push(isoInstant(query.since));
    }
    if (query.until) {
      where.push('a.sort_at < ?');
      params.push(isoInstant(query.until));
    }
    if (query.after) {
      where.push('(a.sort_at, a.id) < (?, ?)');
      params.push(isoInstant(query.after.sortAt), query.after.id);
    }
    if (query.text) {
      where.push(`a.search_compact LIKE ? ESCAPE '\\'`);
      params.push(containsPattern(query.text));
    }
    params.push(Math.trunc(query.limit));
    const rows = this.db
      .prepare<unknown[], ArticleRow>(
        `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY a.sort_at DESC, a.id DESC LIMIT ?`,
      )
      .all(...params);
    return {
      items: rows.map(toArticle),
      sortKeys: rows.map((r) => ({ sortAt: new Date(r.sort_at), id: r.id })),
    };
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }
}

/**
 * A constraint or type failure is about the rows, not the store: give it the SQLSTATE class
 * (23, integrity) that ArticleWriter isolates and dead-letters (database/errors.ts), instead of
 * retrying the batch for ever. Anything else (disk full, locked file) stays a retry.
 */
function asDataError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG)/.test(code)) return error;
  return Object.assign(new Error((error as Error).message, { cause: error }), { code: '23000' });
}

function uniqueSources(sources: Source[]): Source[] {
  return [...new Map(sources.map((s) => [s.id, s])).values()];
}

interface ArticleRow {
  id: string;
  url: string;
  canonical_url: string;
  source_id: string;
  source_name: string;
  source_domain: string;
  feed_url: string | null;
  language: string;
  kicker: string | null;
  title: string;
  lead: string | null;
  body: string;
  body_html: string;
  author: string | null;
  category: string | null;
  tags: string;
  images: string;
  published_at: string | null;
  published_at_jalali: string | null;
  fetched_at: string;
  parsed_at: string;
  content_hash: string;
  subtitle: string | null;
  news_code: string | null;
  attribution: string | null;
  quality: string | null;
  revision: number;
  sort_at: string;
}

function toRow(a: ArticleEvent): Record<(typeof COLUMNS)[number], string | null> {
  return {
    id: a.id,
    url: a.url,
    canonical_url: a.canonicalUrl,
    source_id: a.source.id,
    feed_url: a.feedUrl,
    language: a.language,
    kicker: a.kicker,
    title: a.title,
    lead: a.lead,
    body: a.body,
    body_html: a.bodyHtml,
    author: a.author,
    category: a.category,
    tags: JSON.stringify(a.tags),
    images: JSON.stringify(a.images),
    // Normalized, so that text order is time order whatever offset or precision the event used.
    published_at: a.publishedAt ? isoInstant(a.publishedAt) : null,
    published_at_jalali: a.publishedAtJalali,
    fetched_at: isoInstant(a.fetchedAt),
    parsed_at: isoInstant(a.parsedAt),
    content_hash: a.contentHash,
    subtitle: a.subtitle ?? null,
    news_code: a.newsCode ?? null,
    attribution: a.attribution ?? null,
    quality: a.quality ? JSON.stringify(a.quality) : null,
    search_compact: articleSearchText(a).replaceAll(' ', ''),
  };
}

function toArticle(r: ArticleRow): StoredArticle {
  const quality = r.quality ? (JSON.parse(r.quality) as ArticleEvent['quality']) : null;
  return {
    id: r.id,
    url: r.url,
    canonicalUrl: r.canonical_url,
    source: { id: r.source_id, name: r.source_name, domain: r.source_domain },
    feedUrl: r.feed_url,
    language: r.language,
    kicker: r.kicker,
    title: r.title,
    lead: r.lead,
    body: r.body,
    bodyHtml: r.body_html,
    author: r.author,
    category: r.category,
    tags: JSON.parse(r.tags) as string[],
    images: JSON.parse(r.images) as ArticleEvent['images'],
    publishedAt: r.published_at,
    publishedAtJalali: r.published_at_jalali,
    fetchedAt: r.fetched_at,
    parsedAt: r.parsed_at,
    contentHash: r.content_hash,
    subtitle: r.subtitle,
    newsCode: r.news_code,
    attribution: r.attribution,
    ...(quality ? { quality } : {}),
    revision: r.revision,
  };
}
