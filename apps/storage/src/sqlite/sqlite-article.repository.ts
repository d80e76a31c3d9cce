import type { ArticleEvent, Source } from '@news/contracts';
import { TopicExtractor, type TopicAnalysis } from '@news/topics';
import {
  FIRST_LOOK_ROWS,
  TOPIC_WARM_UP_ARTICLES,
  whereClause,
  type ArticleRepository,
  type ListQuery,
  type StoredArticle,
  type UpsertCounts,
} from '../articles/article.repository.js';
import {
  ARTICLE_EVENT_COLUMNS,
  articleEventFromRow,
  articleEventRow,
  ARTICLE_SELECT,
  type ArticleRowOf,
  type RowDecoding,
} from '../articles/article-row.js';
import { latestPerId } from '../articles/latest-per-id.js';
import { articleSearchKey, containsPattern } from '../articles/search-key.js';
import { isoInstant, type PublicApi, type SqliteDatabase } from './sqlite-database.js';
import { IngestionCounter } from './sqlite-stats.repository.js';
import { TopicWriter } from './sqlite-topic.repository.js';

/** What the rest of storage uses of ArticleRepository: the SQLite store provides the same. */
export type ArticleStore = PublicApi<ArticleRepository>;

const COLUMNS = [...ARTICLE_EVENT_COLUMNS, 'search_compact'] as const;

const UPDATED = COLUMNS.filter((c) => c !== 'id')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

const SELECT = `${ARTICLE_SELECT} FROM articles a JOIN sources s ON s.id = a.source_id`;

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

  /** Newest first by (sortAt, id), `query.limit` rows at most. */
  async list(
    query: ListQuery,
  ): Promise<{ items: StoredArticle[]; sortKeys: { sortAt: Date; id: string }[] }> {
    const where: string[] = [];
    const params: SqlValue[] = [];
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
    const rows = query.terms
      ? this.search(where, params, query.terms, query.limit)
      : this.newest(where, params, query.limit);
    return {
      items: rows.map(toArticle),
      sortKeys: rows.map((r) => ({ sortAt: new Date(r.sort_at), id: r.id })),
    };
  }

  /**
   * A search, as in PostgreSQL (ArticleRepository.search) with SQLite's means: LIKEs on the same
   * compact key, one per term, over the newest FIRST_LOOK_ROWS rows of the window, which fills the
   * page for common terms; then the trigram index (schema.ts, version 4) for every match in the
   * window, asked for the terms of three characters or more (a shorter one has no trigram). With
   * none that long, the search reads the window newest first.
   */
  private search(where: string[], params: SqlValue[], terms: string[], limit: number): ArticleRow[] {
    const like = terms.map(() => `a.search_compact LIKE ? ESCAPE '\\'`).join(' AND ');
    const patterns = terms.map(containsPattern);
    const first = this.db
      .prepare<SqlValue[], ArticleRow>(
        `${ARTICLE_SELECT}
         FROM (SELECT * FROM articles a ${whereClause(where)}
               ORDER BY a.sort_at DESC, a.id DESC LIMIT ${FIRST_LOOK_ROWS}) a
         JOIN sources s ON s.id = a.source_id
         WHERE ${like} ORDER BY a.sort_at DESC, a.id DESC LIMIT ?`,
      )
      .all(...params, ...patterns, limit);
    if (first.length >= limit) return first;
    const indexable = terms.filter((term) => [...term].length >= 3);
    if (indexable.length === 0) return this.newest([...where, like], [...params, ...patterns], limit);
    // The hits are rechecked against the article's own key: an index left behind by a VACUUM that
    // renumbered rowids can then only miss articles, never return wrong ones.
    const indexed = `a.rowid IN (SELECT rowid FROM articles_search WHERE articles_search MATCH ?)`;
    const match = indexable.map(ftsPhrase).join(' AND ');
    return this.newest([...where, indexed, like], [...params, match, ...patterns], limit);
  }

  private newest(where: string[], params: SqlValue[], limit: number): ArticleRow[] {
    return this.db
      .prepare<SqlValue[], ArticleRow>(
        `${SELECT} ${whereClause(where)} ORDER BY a.sort_at DESC, a.id DESC LIMIT ?`,
      )
      .all(...params, Math.trunc(limit));
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

type SqlValue = string | number;

/** An FTS5 phrase: with the trigram tokenizer it matches the key anywhere, like `%key%`. */
const ftsPhrase = (key: string) => `"${key.replaceAll('"', '""')}"`;

function uniqueSources(sources: Source[]): Source[] {
  return [...new Map(sources.map((s) => [s.id, s])).values()];
}

/** A row of the SQLite store: instants as ISO text, JSON values as JSON text. */
type ArticleRow = ArticleRowOf<string, string>;

const SQLITE_ROW_DECODING: RowDecoding<string, string> = {
  instant: (value) => value,
  json: (value) => JSON.parse(value),
};

function toRow(a: ArticleEvent): Record<(typeof COLUMNS)[number], string | null> {
  return {
    // Instants normalized, so that text order is time order whatever offset or precision the event used.
    ...articleEventRow(a, JSON.stringify, isoInstant),
    search_compact: articleSearchKey(a),
  };
}

function toArticle(r: ArticleRow): StoredArticle {
  return { ...articleEventFromRow(r, SQLITE_ROW_DECODING), revision: r.revision };
}
