import type { ArticleEvent, Source } from '@news/contracts';
import { TopicExtractor } from '@news/topics';
import type { DataSource, EntityManager } from 'typeorm';
import { replaceArticleTopics } from '../topics/topic-rows.js';
import {
  ARTICLE_COLUMNS,
  articleEventFromRow,
  articleRow,
  ARTICLE_SELECT,
  PG_ROW_DECODING,
  type PgArticleRow,
} from './article-row.js';
import { latestPerId } from './latest-per-id.js';
import { containsPattern, sortDay } from './search-key.js';

export interface StoredArticle extends ArticleEvent {
  revision: number;
}

export interface ListQuery {
  limit: number;
  source?: string;
  /** Inclusive lower bound on sortAt. */
  since?: Date;
  /** Exclusive upper bound on sortAt. */
  until?: Date;
  /** Compact search keys (searchTerms in search-key.ts): articles whose compact text contains every one. */
  terms?: string[];
  /** A topic key (see `topicKey` in @news/topics): articles that have this topic. */
  topic?: string;
  /** Keyset position: the (sortAt, id) of the last item of the previous page. */
  after?: { sortAt: Date; id: string };
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Ids of the articles inserted or updated (not the unchanged ones). */
  written: string[];
}

const COLUMNS = ARTICLE_COLUMNS.join(', ');

/** Rows a search reads newest first before it turns to the search index (see `search`). */
export const FIRST_LOOK_ROWS = 250;
/**
 * The recent rows asked of the search index when the first look found no match: enough for a key
 * in 1 article in 1,000 to fill a page. Asking the index for days costs a fraction of a µs for
 * each row they hold; reading every match instead, about 25 µs a match. Measured through the
 * service at a million articles over 90 days (p95 of 100): such a key 69 → 35-47 ms; a key in
 * 1 in 10,000 pays for the probe and then reads all its matches, 34 → 47-48 ms; a key in none,
 * 12 → 23-26 ms. 40,000 rows took the first to 45 ms and the second over 50.
 */
export const ZERO_FOUND_PROBE_ROWS = 25_000;

/** Newest stored articles the key-phrase background learns from before the first batch. */
export const TOPIC_WARM_UP_ARTICLES = 5000;

/** Every read and write of articles and sources in PostgreSQL. */
export class ArticleRepository {
  private warmedUp: Promise<void> | undefined;

  /** `reads` is the API's pool (see readDataSourceOptions); writes and the topics' warm-up use `dataSource`. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly reads: DataSource = dataSource,
    private readonly topics = new TopicExtractor(),
  ) {}

  /**
   * One transaction, two statements for the whole batch. The same event
   * delivered twice changes nothing; a new contentHash updates the row and
   * increments revision; an older parse never overwrites a newer one. The version a new hash
   * replaces is copied to article_revisions by a trigger (see add-article-revisions.ts).
   *
   * The topics of the articles written (inserted or updated; not the unchanged ones) replace their
   * previous topics in the same transaction, in one or two more statements (see topic-rows.ts).
   * Their key phrases join the background only once the transaction has committed.
   */
  async upsertBatch(articles: ArticleEvent[]): Promise<UpsertCounts> {
    const unique = latestPerId(articles);
    if (unique.length === 0) return { inserted: 0, updated: 0, unchanged: 0, written: [] };
    await this.warmUpTopics();
    // Before the transaction, to keep it short: CPU work while holding row locks would hold up a
    // second storage instance. The analysis of an article left unchanged is simply not used.
    const analyses = new Map(unique.map((a) => [a.id, this.topics.analyze(a)]));
    const counts = await this.dataSource.transaction(async (manager) => {
      await this.upsertSources(
        manager,
        unique.map((a) => a.source),
      );
      const rows: { id: string; sort_at: Date; inserted: boolean }[] = await manager.query(
        `INSERT INTO articles (${COLUMNS})
         SELECT ${COLUMNS} FROM jsonb_to_recordset($1::jsonb) AS r(
           id text, url text, canonical_url text, source_id text, feed_url text, language text, kicker text,
           title text, lead text, body text, body_html text, author text, category text, tags jsonb, images jsonb,
           published_at timestamptz, published_at_jalali text, fetched_at timestamptz, parsed_at timestamptz,
           content_hash text, subtitle text, news_code text, attribution text, quality jsonb, search_compact text)
         ON CONFLICT (id) DO UPDATE SET
           url = EXCLUDED.url, canonical_url = EXCLUDED.canonical_url, source_id = EXCLUDED.source_id,
           feed_url = EXCLUDED.feed_url, language = EXCLUDED.language, kicker = EXCLUDED.kicker,
           title = EXCLUDED.title, lead = EXCLUDED.lead, body = EXCLUDED.body, body_html = EXCLUDED.body_html,
           author = EXCLUDED.author, category = EXCLUDED.category, tags = EXCLUDED.tags, images = EXCLUDED.images,
           published_at = EXCLUDED.published_at, published_at_jalali = EXCLUDED.published_at_jalali,
           fetched_at = EXCLUDED.fetched_at, parsed_at = EXCLUDED.parsed_at, content_hash = EXCLUDED.content_hash,
           subtitle = EXCLUDED.subtitle, news_code = EXCLUDED.news_code, attribution = EXCLUDED.attribution,
           quality = EXCLUDED.quality, search_compact = EXCLUDED.search_compact,
           revision = articles.revision + 1, updated_at = now()
         WHERE articles.content_hash <> EXCLUDED.content_hash AND articles.parsed_at <= EXCLUDED.parsed_at
         RETURNING id, sort_at, (xmax = 0) AS inserted`,
        [JSON.stringify(unique.map((a) => articleRow(a)))],
      );
      const topicRows = rows.map((row) => ({
        articleId: row.id,
        sortAt: row.sort_at,
        topics: analyses.get(row.id)?.topics ?? [],
      }));
      const inserted = rows.filter((r) => r.inserted).length;
      await replaceArticleTopics(manager, topicRows, inserted < rows.length);
      return {
        inserted,
        updated: rows.length - inserted,
        unchanged: unique.length - rows.length,
        written: rows.map((r) => r.id),
      };
    });
    for (const id of counts.written) this.topics.learn(analyses.get(id)?.phraseKeys ?? []);
    return counts;
  }

  /**
   * Teaches the key-phrase background the newest stored articles, once, before the first batch:
   * a restarted storage scores phrases as it did before, not as on an empty database. A failure
   * is thrown (the batch is retried) and the warm-up tried again next time.
   */
  private warmUpTopics(): Promise<void> {
    this.warmedUp ??= (async () => {
      const recent: { title: string; lead: string | null; language: string }[] = await this.dataSource.query(
        `SELECT title, lead, language FROM articles ORDER BY sort_at DESC, id DESC LIMIT ${TOPIC_WARM_UP_ARTICLES}`,
      );
      // Oldest first, so that the newest are in the background's current generation.
      for (const article of recent.reverse()) this.topics.learnArticle(article);
    })().catch((error: unknown) => {
      this.warmedUp = undefined;
      throw error;
    });
    return this.warmedUp;
  }

  /**
   * Inserts new sources and renames changed ones, in id order: the statement locks every source it
   * names until the batch commits, and two storage instances whose batches name the same sources
   * in other orders would otherwise deadlock.
   */
  private async upsertSources(manager: EntityManager, sources: Source[]): Promise<void> {
    const unique = [...new Map(sources.map((s) => [s.id, s])).values()];
    await manager.query(
      `INSERT INTO sources (id, name, domain)
       SELECT id, name, domain FROM jsonb_to_recordset($1::jsonb) AS s(id text, name text, domain text)
       ORDER BY id
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, domain = EXCLUDED.domain
       WHERE (sources.name, sources.domain) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.domain)`,
      [JSON.stringify(unique)],
    );
  }

  async findById(id: string): Promise<StoredArticle | null> {
    const rows = await this.select('WHERE a.id = $1', [id], 1);
    return rows[0] ?? null;
  }

  /**
   * Newest first by (sortAt, id), `query.limit` rows at most (the controller asks for one more
   * than a page, to know whether a next page exists).
   */
  async list(
    query: ListQuery,
  ): Promise<{ items: StoredArticle[]; sortKeys: { sortAt: Date; id: string }[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    // A topic without a text search is read through article_topics' (topic_key, sort_at, article_id)
    // index, which yields the topic's articles already in page order: the window and the cursor
    // apply to its copy of sort_at (always equal to the article's).
    const byTopic = query.topic !== undefined && !query.terms;
    const [sortAt, id] = byTopic ? ['t.sort_at', 't.article_id'] : ['a.sort_at', 'a.id'];
    if (query.topic !== undefined) {
      params.push(query.topic);
      where.push(
        byTopic
          ? `t.topic_key = $${params.length}`
          : `EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = a.id AND t.topic_key = $${params.length})`,
      );
    }
    if (query.source) {
      params.push(query.source);
      where.push(`a.source_id = $${params.length}`);
    }
    if (query.since) {
      params.push(query.since);
      where.push(`${sortAt} >= $${params.length}`);
    }
    if (query.until) {
      params.push(query.until);
      where.push(`${sortAt} < $${params.length}`);
    }
    if (query.after) {
      params.push(query.after.sortAt, query.after.id);
      where.push(`(${sortAt}, ${id}) < ($${params.length - 1}, $${params.length})`);
    }
    let rows: PgArticleRow[];
    if (byTopic) {
      rows = await this.reads.query(
        `${ARTICLE_SELECT}
         FROM article_topics t JOIN articles a ON a.id = t.article_id JOIN sources s ON s.id = a.source_id
         WHERE ${where.join(' AND ')}
         ORDER BY t.sort_at DESC, t.article_id DESC
         LIMIT ${Math.trunc(query.limit)}`,
        params,
      );
    } else if (query.terms) {
      rows = await this.search(where, params, query.terms, query.limit);
    } else {
      rows = await this.selectRaw(whereClause(where), params, query.limit);
    }
    return { items: rows.map(toArticle), sortKeys: rows.map((r) => ({ sortAt: r.sort_at, id: r.id })) };
  }

  /**
   * A text search, newest first. PostgreSQL cannot estimate how common a `LIKE '%…%'` key is on a
   * column this wide, so the plan is not left to it: it would walk the newest rows for every key
   * (a key in 1 article in 10,000 of a million: 10 s) or read every match through the trigram
   * index (a word in 80% of a million articles: 11 s, each match rechecked and sorted). Instead:
   *
   * 1. The newest FIRST_LOOK_ROWS rows of the window are read in index order and matched,
   *    stopping at a full page: a common key is done here. They are matched with `strpos`, not
   *    the `LIKE` the index needs: on the compact texts of 1,000,000 articles, 4-5 µs a row for
   *    strpos against 11-20 µs for LIKE (the difference grows with how often the key's first
   *    letter occurs, and «ا» is in nearly every Persian word).
   * 2. If it found less than a page: from how many, and how much time those rows span, a span of
   *    recent days that should hold a page three times over is asked of the search index, which
   *    keeps each article's day beside its trigrams: only the matches of those days are read. When
   *    it found none, the span is ZERO_FOUND_PROBE_ROWS rows' worth.
   * 3. If those days hold less than a page, the index is asked for every match in the window,
   *    about 25 µs each.
   *
   * Each step returns a page only when it holds exactly the newest matches: step one reads the
   * window newest first; steps two and three read every match from some instant on.
   */
  private async search(
    where: string[],
    params: unknown[],
    keys: string[],
    limit: number,
  ): Promise<PgArticleRow[]> {
    const first = await this.scanNewest(where, params, keys, limit);
    if (first.length >= limit) return first;
    const looked = await this.newestSpan(where, params);
    if (looked.rows < FIRST_LOOK_ROWS) return first; // the whole window was read: every match is in hand
    // Rows that should hold the page three times over at the density seen (never fewer than ten
    // looks' worth), or the probe's fixed span when the first look found nothing to judge by.
    const rowsWanted =
      first.length === 0
        ? ZERO_FOUND_PROBE_ROWS
        : Math.max((3 * limit * FIRST_LOOK_ROWS) / first.length, 10 * FIRST_LOOK_ROWS);
    const spanMs = Math.max(looked.newest.getTime() - looked.oldest.getTime(), 1000);
    const since = new Date(looked.oldest.getTime() - (spanMs * rowsWanted) / FIRST_LOOK_ROWS);
    const patterns = keys.map(containsPattern);
    const recent = await this.throughSearchIndex(where, params, patterns, limit, since);
    if (recent.length >= limit) return recent;
    return this.throughSearchIndex(where, params, patterns, limit);
  }

  /** The matches among the newest FIRST_LOOK_ROWS rows of the window, newest first, `limit` at most. */
  private scanNewest(
    where: string[],
    params: unknown[],
    keys: string[],
    limit: number,
  ): Promise<PgArticleRow[]> {
    return this.reads.query(
      `${ARTICLE_SELECT}
       FROM (SELECT * FROM articles a ${whereClause(where)}
             ORDER BY a.sort_at DESC, a.id DESC LIMIT ${FIRST_LOOK_ROWS}) a
       JOIN sources s ON s.id = a.source_id
       WHERE ${containsEvery(params.length + 1, keys.length)}
       ORDER BY a.sort_at DESC, a.id DESC
       LIMIT ${Math.trunc(limit)}`,
      [...params, ...keys],
    );
  }

  /** How many rows the first look read (FIRST_LOOK_ROWS unless the window is smaller), and their times. */
  private async newestSpan(
    where: string[],
    params: unknown[],
  ): Promise<{ rows: number; newest: Date; oldest: Date }> {
    const [span]: { rows: number; newest: Date; oldest: Date }[] = await this.reads.query(
      `SELECT count(*)::int AS rows, max(sort_at) AS newest, min(sort_at) AS oldest
       FROM (SELECT a.sort_at FROM articles a ${whereClause(where)}
             ORDER BY a.sort_at DESC, a.id DESC LIMIT ${FIRST_LOOK_ROWS}) a`,
      params,
    );
    return span as { rows: number; newest: Date; oldest: Date };
  }

  /**
   * The newest `limit` matches in the window through the search index, of the days from `since` on
   * when given (more than asked for: whole days), else of all time. Plain index scans are switched
   * off for this statement: misjudging the key as common, the planner would otherwise walk the
   * sort index and read the whole table.
   */
  private throughSearchIndex(
    where: string[],
    params: unknown[],
    patterns: string[],
    limit: number,
    since?: Date,
  ): Promise<PgArticleRow[]> {
    const conditions = [...where, searchMatch(params.length + 1, patterns.length)];
    const values = [...params, ...patterns];
    if (since) {
      values.push(since);
      conditions.push(`${sortDay('a.sort_at')} >= ${sortDay(`$${values.length}::timestamptz`)}`);
    }
    return this.reads.transaction('READ COMMITTED', async (manager) => {
      await manager.query('SET LOCAL enable_indexscan = off');
      return manager.query(
        `${ARTICLE_SELECT}
         FROM articles a JOIN sources s ON s.id = a.source_id
         ${whereClause(conditions)}
         ORDER BY a.sort_at DESC, a.id DESC
         LIMIT ${Math.trunc(limit)}`,
        values,
      );
    });
  }

  async ping(): Promise<void> {
    await this.reads.query('SELECT 1');
  }

  private async select(where: string, params: unknown[], limit: number): Promise<StoredArticle[]> {
    return (await this.selectRaw(where, params, limit)).map(toArticle);
  }

  private async selectRaw(where: string, params: unknown[], limit: number): Promise<PgArticleRow[]> {
    return this.reads.query(
      `${ARTICLE_SELECT}
       FROM articles a JOIN sources s ON s.id = a.source_id
       ${where}
       ORDER BY a.sort_at DESC, a.id DESC
       LIMIT ${Math.trunc(limit)}`,
      params,
    );
  }
}

/** `WHERE` and the conditions joined by `AND`, or nothing when there are none. */
export const whereClause = (conditions: string[]) =>
  conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';

/**
 * The search condition: the compact text contains every term, their `LIKE … ESCAPE` patterns (see
 * containsPattern) being the `count` parameters from `$first` on. The trigram index answers them
 * in one scan, intersecting the articles of each term's trigrams.
 */
const searchMatch = (first: number, count: number) =>
  Array.from({ length: count }, (_, i) => `a.search_compact LIKE $${first + i} ESCAPE '\\'`).join(' AND ');

/** searchMatch's condition for rows read without the index: the keys themselves, found by `strpos`. */
const containsEvery = (first: number, count: number) =>
  Array.from({ length: count }, (_, i) => `strpos(a.search_compact, $${first + i}) > 0`).join(' AND ');

function toArticle(r: PgArticleRow): StoredArticle {
  return { ...articleEventFromRow(r, PG_ROW_DECODING), revision: r.revision };
}
