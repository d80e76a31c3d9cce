import type { DataSource } from 'typeorm';
import type { StreamTopic } from './streamed-article.js';

/** The topics of just-stored articles, from `article_topics` (kept by the article upsert). */
export class ArticleTopicsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async topicsOf(ids: readonly string[]): Promise<Map<string, StreamTopic[]>> {
    const rows: { article_id: string; key: string; name: string }[] = await this.dataSource.query(
      `SELECT at.article_id, t.key, t.name FROM article_topics at JOIN topics t ON t.key = at.topic_key
       WHERE at.article_id = ANY($1::text[]) ORDER BY at.article_id, t.key`,
      [ids],
    );
    const topics = new Map<string, StreamTopic[]>();
    for (const row of rows) {
      const list = topics.get(row.article_id) ?? [];
      list.push({ key: row.key, name: row.name });
      topics.set(row.article_id, list);
    }
    return topics;
  }
}
