import type { ArticleTopic } from '@news/topics';
import type { ArticleTopicsRepository } from '../stream/article-topics.repository.js';
import type { StreamTopic } from '../stream/streamed-article.js';
import { DAY_MS, floorTo, HOUR_MS } from '../topics/count-ranges.js';
import type {
  Bucket,
  TimeseriesPoint,
  TopicCount,
  TopicName,
  TopicRepository,
  TrendingTopic,
} from '../topics/topic.repository.js';
import { BASELINE_DAYS, MIN_TRENDING_COUNT, trend } from '../topics/trend.js';
import { isoInstant, type PublicApi, type SqliteDatabase } from './sqlite-database.js';

export type TopicStore = PublicApi<TopicRepository>;
export type ArticleTopicsStore = PublicApi<ArticleTopicsRepository>;

/**
 * Replaces one written article's topic rows, inside the article upsert's transaction. Delete and
 * insert, simpler than PostgreSQL's keep-what-did-not-change (which exists for its count
 * triggers; SQLite counts article_topics directly). A topic's name becomes the spelling most
 * recently stored, as in PostgreSQL.
 */
export class TopicWriter {
  private readonly clear;
  private readonly name;
  private readonly link;

  constructor(db: SqliteDatabase) {
    this.clear = db.prepare<[string]>('DELETE FROM article_topics WHERE article_id = ?');
    this.name = db.prepare<[string, string]>(
      `INSERT INTO topics (key, name) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET name = excluded.name WHERE topics.name <> excluded.name`,
    );
    this.link = db.prepare<[string, string, string, string]>(
      'INSERT INTO article_topics (article_id, topic_key, kind, sort_at) VALUES (?, ?, ?, ?)',
    );
  }

  replace(articleId: string, sortAt: string, topics: readonly ArticleTopic[]): void {
    this.clear.run(articleId);
    for (const topic of topics) {
      this.name.run(topic.key, topic.name);
      this.link.run(articleId, topic.key, topic.kind, sortAt);
    }
  }
}

// The first characters of an ISO instant that name its UTC hour or day.
const BUCKET_PREFIX: Record<Bucket, { length: number; suffix: string; stepMs: number }> = {
  hour: { length: 13, suffix: ':00:00.000Z', stepMs: HOUR_MS },
  day: { length: 10, suffix: 'T00:00:00.000Z', stepMs: DAY_MS },
};

/**
 * Topic rankings and counts over time in the SQLite store, with the PostgreSQL repository's
 * answers. Simpler: every count is read from article_topics through its (sort_at) index, exact
 * for any window, instead of from hourly and daily count tables; fine at embedded sizes.
 */
export class SqliteTopicRepository implements TopicStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** The topics with the most articles in [from, to), most first, then by key. */
  async top(from: Date, to: Date, limit: number): Promise<TopicCount[]> {
    return this.db
      .prepare<[string, string, number], TopicCount>(
        `SELECT t.topic_key AS key, tp.name, count(*) AS count
         FROM article_topics t JOIN topics tp ON tp.key = t.topic_key
         WHERE t.sort_at >= ? AND t.sort_at < ?
         GROUP BY t.topic_key
         ORDER BY count DESC, key
         LIMIT ?`,
      )
      .all(isoInstant(from), isoInstant(to), Math.trunc(limit));
  }

  /** Topics rising in [from, to) against their baseline (see trend.ts), highest z-score first. */
  async trending(from: Date, to: Date, limit: number): Promise<TrendingTopic[]> {
    const baselineEnd = floorTo(from, DAY_MS);
    const baselineStart = new Date(baselineEnd.getTime() - BASELINE_DAYS * DAY_MS);
    const rows = this.db
      .prepare<[string, string, number, string, string], TopicCount & { baseline_total: number }>(
        `WITH rising AS (
           SELECT topic_key, count(*) AS count FROM article_topics
           WHERE sort_at >= ? AND sort_at < ? GROUP BY topic_key HAVING count(*) >= ?
         )
         SELECT r.topic_key AS key, tp.name, r.count,
           (SELECT count(*) FROM article_topics b
            WHERE b.topic_key = r.topic_key AND b.sort_at >= ? AND b.sort_at < ?) AS baseline_total
         FROM rising r JOIN topics tp ON tp.key = r.topic_key`,
      )
      .all(
        isoInstant(from),
        isoInstant(to),
        MIN_TRENDING_COUNT,
        isoInstant(baselineStart),
        isoInstant(baselineEnd),
      );
    const windowMs = to.getTime() - from.getTime();
    return rows
      .map(({ key, name, count, baseline_total }) => ({
        key,
        name,
        count,
        ...trend(count, baseline_total, windowMs),
      }))
      .filter((t) => t.zScore > 0)
      .sort((a, b) => b.zScore - a.zScore || b.count - a.count || (a.key < b.key ? -1 : 1))
      .slice(0, limit);
  }

  async find(key: string): Promise<TopicName | null> {
    return (
      this.db.prepare<[string], TopicName>('SELECT key, name FROM topics WHERE key = ?').get(key) ?? null
    );
  }

  /** Article counts per UTC hour or day over [from, to) (bucket boundaries), zero-filled. */
  async timeseries(key: string, bucket: Bucket, from: Date, to: Date): Promise<TimeseriesPoint[]> {
    const { length, suffix, stepMs } = BUCKET_PREFIX[bucket];
    const rows = this.db
      .prepare<[number, string, string, string], { t: string; count: number }>(
        `SELECT substr(sort_at, 1, ?) AS t, count(*) AS count FROM article_topics
         WHERE topic_key = ? AND sort_at >= ? AND sort_at < ?
         GROUP BY 1`,
      )
      .all(length, key, isoInstant(from), isoInstant(to));
    const counts = new Map(rows.map((r) => [Date.parse(`${r.t}${suffix}`), r.count]));
    const points: TimeseriesPoint[] = [];
    for (let t = from.getTime(); t < to.getTime(); t += stepMs)
      points.push({ t: new Date(t), count: counts.get(t) ?? 0 });
    return points;
  }
}

/** The topics of just-stored articles, for the live stream. */
export class SqliteArticleTopicsRepository implements ArticleTopicsStore {
  constructor(private readonly db: SqliteDatabase) {}

  async topicsOf(ids: readonly string[]): Promise<Map<string, StreamTopic[]>> {
    const topics = new Map<string, StreamTopic[]>();
    if (ids.length === 0) return topics;
    const rows = this.db
      .prepare<string[], { article_id: string; key: string; name: string }>(
        `SELECT at.article_id, t.key, t.name FROM article_topics at JOIN topics t ON t.key = at.topic_key
         WHERE at.article_id IN (${ids.map(() => '?').join(', ')}) ORDER BY at.article_id, t.key`,
      )
      .all(...ids);
    for (const row of rows) {
      const list = topics.get(row.article_id) ?? [];
      list.push({ key: row.key, name: row.name });
      topics.set(row.article_id, list);
    }
    return topics;
  }
}
