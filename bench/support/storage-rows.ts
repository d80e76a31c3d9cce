import type { ArticleEvent } from '@news/contracts';
import { ARTICLE_COLUMNS, articleRow } from '../../apps/storage/src/articles/article-row.js';

/**
 * The row ArticleRepository.upsertBatch writes for an article, as the values of ARTICLE_COLUMNS
 * in order, for the benches that write rows without it (the naive one-row-per-transaction writer,
 * the COPY baseline): jsonb columns as JSON text, timestamps as the event's ISO strings.
 * storage.ts checks after every run that a row written so equals the row the repository wrote
 * for the same event.
 */
export function articleRowValues(a: ArticleEvent): (string | null)[] {
  const row = articleRow(a, JSON.stringify);
  return ARTICLE_COLUMNS.map((column) => row[column]);
}
