import type { DataSource } from 'typeorm';

/** A news source with what the archive holds of it. */
export interface SourceSummary {
  id: string;
  name: string;
  domain: string;
  articleCount: number;
  /** Time of its newest article (publishedAt, else fetchedAt); null when it has none. */
  lastArticleAt: string | null;
}

interface SourceRow {
  id: string;
  name: string;
  domain: string;
  article_count: number;
  last_article_at: Date | null;
}

export class SourceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The count is kept in `sources` by triggers (add-source-counts.ts); the newest article's time
   * is one probe of the (source_id, sort_at, id) index per source.
   */
  async list(): Promise<SourceSummary[]> {
    const rows: SourceRow[] = await this.dataSource.query(
      `SELECT s.id, s.name, s.domain, s.article_count, newest.sort_at AS last_article_at
       FROM sources s
       LEFT JOIN LATERAL (
         SELECT a.sort_at FROM articles a WHERE a.source_id = s.id ORDER BY a.sort_at DESC, a.id DESC LIMIT 1
       ) newest ON true
       ORDER BY s.id`,
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      domain: r.domain,
      articleCount: r.article_count,
      lastArticleAt: r.last_article_at?.toISOString() ?? null,
    }));
  }
}
