import type { ArticleEvent } from '@news/contracts';

/**
 * One event per article id, for one `INSERT … ON CONFLICT` (PostgreSQL refuses a statement that
 * touches a row twice): the latest parse, or the later delivered on a tie. Keeping merely the
 * last delivered would let a replayed older parse in the same batch hide the newer one, which
 * the upsert would then never see.
 */
export function latestPerId(articles: readonly ArticleEvent[]): ArticleEvent[] {
  const latest = new Map<string, ArticleEvent>();
  for (const article of articles) {
    const kept = latest.get(article.id);
    if (!kept || Date.parse(article.parsedAt) >= Date.parse(kept.parsedAt)) latest.set(article.id, article);
  }
  return [...latest.values()];
}
