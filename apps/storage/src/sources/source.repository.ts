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
   * Counted at read time from the (source_id, sort_at, id) index rather than kept in counters:
   * always right, with nothing to drift, and an index-only scan per source. At tens of millions
   * of rows this becomes the slow part of the endpoint; counters maintained by the upsert would
   * then be the next step.
   */
  async list(): Promise<SourceSummary[]> {
    const rows: SourceRow[] = await this.dataSource.query(
      `SELECT s.id, s.name, s.domain, c.article_count, c.last_article_at
       FROM sources s
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS article_count, max(a.sort_at) AS last_article_at
         FROM articles a WHERE a.source_id = s.id
       ) c
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
