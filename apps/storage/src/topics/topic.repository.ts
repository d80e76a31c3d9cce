import type { DataSource } from 'typeorm';
import { countRanges, DAY_MS, floorTo, type CountRange } from './count-ranges.js';
import { BASELINE_DAYS, MIN_TRENDING_COUNT, trend } from './trend.js';

export interface TopicName {
  key: string;
  name: string;
}

export interface TopicCount extends TopicName {
  /** Articles with the topic whose sortAt is in the window. */
  count: number;
}

export interface TrendingTopic extends TopicCount {
  baseline: number;
  zScore: number;
}

export type Bucket = 'hour' | 'day';

export interface TimeseriesPoint {
  /** Start of the bucket (UTC). */
  t: Date;
  count: number;
}

const BUCKET_TABLES: Record<Bucket, { table: string; column: string }> = {
  hour: { table: 'topic_hourly_counts', column: 'hour' },
  day: { table: 'topic_daily_counts', column: 'day' },
};

/** Topic rankings and counts over time in PostgreSQL (the tables of add-topics.ts). */
export class TopicRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The topics with the most articles in [from, to), most first, then by key. */
  async top(from: Date, to: Date, limit: number): Promise<TopicCount[]> {
    const params: unknown[] = [];
    const counts = windowCounts(countRanges(from, to), params);
    params.push(Math.trunc(limit));
    // Names are looked up for the page only: a day has thousands of topics (the long tail of phrases).
    return this.dataSource.query(
      `WITH counts AS (${counts}),
       best AS (SELECT topic_key, count FROM counts ORDER BY count DESC, topic_key LIMIT $${params.length})
       SELECT b.topic_key AS key, tp.name, b.count
       FROM best b JOIN topics tp ON tp.key = b.topic_key
       ORDER BY b.count DESC, b.topic_key`,
      params,
    );
  }

  /**
   * Topics rising in [from, to) against their baseline (see trend.ts): with at least
   * MIN_TRENDING_COUNT articles and a positive z-score, highest first.
   */
  async trending(from: Date, to: Date, limit: number): Promise<TrendingTopic[]> {
    const params: unknown[] = [];
    const counts = windowCounts(countRanges(from, to), params);
    const baselineEnd = floorTo(from, DAY_MS);
    params.push(new Date(baselineEnd.getTime() - BASELINE_DAYS * DAY_MS), baselineEnd, MIN_TRENDING_COUNT);
    const n = params.length;
    const rows: { key: string; count: number; baseline_total: number }[] = await this.dataSource.query(
      `WITH counts AS (${counts}),
       rising AS (SELECT topic_key, count FROM counts WHERE count >= $${n}),
       -- Every topic of the baseline days in one range scan of the day index, rather than a
       -- lookup per rising topic: those are most topics of the window (over a thousand a day at
       -- ILNA's volume), and the lookups took 40% longer (110,000 articles over 10 days).
       base AS (
         SELECT d.topic_key, sum(d.count)::int AS total
         FROM topic_daily_counts d
         WHERE d.day >= $${n - 2} AND d.day < $${n - 1}
         GROUP BY d.topic_key
       )
       SELECT r.topic_key AS key, r.count, COALESCE(b.total, 0) AS baseline_total
       FROM rising r LEFT JOIN base b ON b.topic_key = r.topic_key`,
      params,
    );
    const windowMs = to.getTime() - from.getTime();
    const best = rows
      .map(({ key, count, baseline_total }) => ({ key, count, ...trend(count, baseline_total, windowMs) }))
      .filter((t) => t.zScore > 0)
      .sort((a, b) => b.zScore - a.zScore || b.count - a.count || (a.key < b.key ? -1 : 1))
      .slice(0, limit);
    const names = await this.names(best.map((t) => t.key));
    return best.flatMap(({ key, ...rest }) => {
      const name = names.get(key);
      return name === undefined ? [] : [{ key, name, ...rest }];
    });
  }

  private async names(keys: string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const rows: TopicName[] = await this.dataSource.query(
      'SELECT key, name FROM topics WHERE key = ANY($1)',
      [keys],
    );
    return new Map(rows.map((r) => [r.key, r.name]));
  }

  async find(key: string): Promise<TopicName | null> {
    const rows: TopicName[] = await this.dataSource.query('SELECT key, name FROM topics WHERE key = $1', [
      key,
    ]);
    return rows[0] ?? null;
  }

  /**
   * The topic's article counts per UTC hour or day over [from, to), both on bucket boundaries,
   * every bucket present (zero when the topic had no article).
   */
  async timeseries(key: string, bucket: Bucket, from: Date, to: Date): Promise<TimeseriesPoint[]> {
    const { table, column } = BUCKET_TABLES[bucket];
    const rows: { t: Date; count: number }[] = await this.dataSource.query(
      `SELECT ${column} AS t, count FROM ${table}
       WHERE topic_key = $1 AND ${column} >= $2 AND ${column} < $3 AND count <> 0`,
      [key, from, to],
    );
    const counts = new Map(rows.map((r) => [r.t.getTime(), r.count]));
    const step = bucket === 'hour' ? 3_600_000 : DAY_MS;
    const points: TimeseriesPoint[] = [];
    for (let t = from.getTime(); t < to.getTime(); t += step)
      points.push({ t: new Date(t), count: counts.get(t) ?? 0 });
    return points;
  }
}

/**
 * `SELECT topic_key, count` of articles per topic over the ranges, topics with none left out;
 * the ranges' bounds are appended to `params`.
 */
function windowCounts(ranges: readonly CountRange[], params: unknown[]): string {
  const parts = ranges.map((range) => {
    params.push(range.from, range.to);
    const [lower, upper] = [`$${params.length - 1}`, `$${params.length}`];
    switch (range.source) {
      case 'articles':
        return `SELECT t.topic_key, count(*) AS n FROM articles a JOIN article_topics t ON t.article_id = a.id
                WHERE a.sort_at >= ${lower} AND a.sort_at < ${upper} GROUP BY t.topic_key`;
      case 'hourly':
        return `SELECT topic_key, sum(count) AS n FROM topic_hourly_counts
                WHERE hour >= ${lower} AND hour < ${upper} GROUP BY topic_key`;
      case 'daily':
        return `SELECT topic_key, sum(count) AS n FROM topic_daily_counts
                WHERE day >= ${lower} AND day < ${upper} GROUP BY topic_key`;
    }
  });
  if (parts.length === 0) return 'SELECT NULL::text AS topic_key, 0 AS count WHERE false';
  return `SELECT topic_key, sum(n)::int AS count FROM (${parts.join(' UNION ALL ')}) c
          GROUP BY topic_key HAVING sum(n) > 0`;
}
