import type { DataSource } from 'typeorm';

/** One version of an article, as `GET /articles/:id/revisions` lists it. */
export interface ArticleRevision {
  revision: number;
  contentHash: string;
  title: string;
  body: string;
  parsedAt: string;
  storedAt: string;
}

interface RevisionRow {
  revision: number;
  content_hash: string;
  title: string;
  body: string;
  parsed_at: Date;
  stored_at: Date;
}

/** Reads an article's history: its current row and the versions the trigger archived. */
export class RevisionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first, the current version included; null when there is no such article. */
  async history(articleId: string): Promise<ArticleRevision[] | null> {
    const rows: RevisionRow[] = await this.dataSource.query(
      `SELECT revision, content_hash, title, body, parsed_at, stored_at FROM (
         SELECT revision, content_hash, title, body, parsed_at, updated_at AS stored_at
         FROM articles WHERE id = $1
         UNION ALL
         SELECT revision, content_hash, snapshot->>'title', snapshot->>'body', parsed_at, stored_at
         FROM article_revisions WHERE article_id = $1
       ) versions
       ORDER BY revision DESC`,
      [articleId],
    );
    if (rows.length === 0) return null; // archived versions cannot outlive their article (foreign key)
    return rows.map((r) => ({
      revision: r.revision,
      contentHash: r.content_hash,
      title: r.title,
      body: r.body,
      parsedAt: r.parsed_at.toISOString(),
      storedAt: r.stored_at.toISOString(),
    }));
  }
}
