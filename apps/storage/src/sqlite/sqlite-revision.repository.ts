import type { ArticleRevision, RevisionRepository } from '../revisions/revision.repository.js';
import type { PublicApi, SqliteDatabase } from './sqlite-database.js';

export type RevisionStore = PublicApi<RevisionRepository>;

/** An article's history in the SQLite store: its current row and the versions the trigger archived. */
export class SqliteRevisionRepository implements RevisionStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** Newest first, the current version included; null when there is no such article. */
  async history(articleId: string): Promise<ArticleRevision[] | null> {
    const rows = this.db
      .prepare<[string, string], ArticleRevision>(
        `SELECT revision, content_hash AS contentHash, title, body, parsed_at AS parsedAt, updated_at AS storedAt
         FROM articles WHERE id = ?
         UNION ALL
         SELECT revision, content_hash, snapshot ->> '$.title', snapshot ->> '$.body', parsed_at, stored_at
         FROM article_revisions WHERE article_id = ?
         ORDER BY revision DESC`,
      )
      .all(articleId, articleId);
    return rows.length === 0 ? null : rows;
  }
}
