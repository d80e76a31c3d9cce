import type { SourceRepository, SourceSummary } from '../sources/source.repository.js';
import type { PublicApi, SqliteDatabase } from './sqlite-database.js';

export type SourceStore = PublicApi<SourceRepository>;

/** Sources in the SQLite store, with the counts the triggers keep (schema.ts). */
export class SqliteSourceRepository implements SourceStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** The newest article's time is one probe of the (source_id, sort_at, id) index per source. */
  async list(): Promise<SourceSummary[]> {
    return this.db
      .prepare<[], SourceSummary>(
        `SELECT s.id, s.name, s.domain, s.article_count AS articleCount,
           (SELECT a.sort_at FROM articles a WHERE a.source_id = s.id
            ORDER BY a.sort_at DESC, a.id DESC LIMIT 1) AS lastArticleAt
         FROM sources s
         ORDER BY s.id`,
      )
      .all();
  }
}
