import { In, type DataSource, type Repository } from 'typeorm';
import { ItemStateEntity, type ItemStatus } from './item-state.entity.js';

/** Seen-item state in PostgreSQL, so that a restart neither re-publishes nor forgets a failed item. */
export class ItemStateRepository {
  private readonly repo: Repository<ItemStateEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(ItemStateEntity);
  }

  async findByKeys(feedUrl: string, itemKeys: string[]): Promise<Map<string, ItemStateEntity>> {
    if (itemKeys.length === 0) return new Map();
    const rows = await this.repo.findBy({ feedUrl, itemKey: In(itemKeys) });
    return new Map(rows.map((r) => [r.itemKey, r]));
  }

  async markPublished(feedUrl: string, itemKey: string, articleUrl: string): Promise<void> {
    await this.save(feedUrl, itemKey, 'published', { articleUrl, lastError: null });
  }

  /** Counts one more failed attempt; `giveUp` records that the item will not be tried again. */
  async markFailed(feedUrl: string, itemKey: string, error: string, giveUp: boolean): Promise<void> {
    await this.save(feedUrl, itemKey, giveUp ? 'gave-up' : 'failed', { lastError: error.slice(0, 1000) });
  }

  /**
   * Bounds one feed's seen-state: forgets items older than `maxAgeDays`, and
   * all but the newest `maxItems`. Items still in the feed (`keep`) are never
   * forgotten, so pruning cannot make the fetcher publish an item again.
   */
  async prune(feedUrl: string, keep: string[], maxAgeDays: number, maxItems: number): Promise<number> {
    const [, deleted]: [unknown, number] = await this.repo.manager.query(
      `DELETE FROM fetcher_item_state
       WHERE feed_url = $1 AND NOT (item_key = ANY($2::text[])) AND (
         updated_at < now() - make_interval(days => $3)
         OR item_key IN (
           SELECT item_key FROM fetcher_item_state
           WHERE feed_url = $1 AND NOT (item_key = ANY($2::text[]))
           ORDER BY updated_at DESC, item_key OFFSET $4))`,
      [feedUrl, keep, maxAgeDays, Math.max(0, maxItems - keep.length)],
    );
    return deleted;
  }

  private async save(
    feedUrl: string,
    itemKey: string,
    status: ItemStatus,
    fields: Partial<Pick<ItemStateEntity, 'articleUrl' | 'lastError'>>,
  ): Promise<void> {
    await this.repo.manager.query(
      `INSERT INTO fetcher_item_state (feed_url, item_key, status, attempts, last_error, article_url, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (feed_url, item_key) DO UPDATE SET
         status = EXCLUDED.status,
         attempts = CASE WHEN EXCLUDED.status = 'published' THEN fetcher_item_state.attempts
                         ELSE fetcher_item_state.attempts + 1 END,
         last_error = EXCLUDED.last_error,
         article_url = COALESCE(EXCLUDED.article_url, fetcher_item_state.article_url),
         updated_at = now()`,
      [
        feedUrl,
        itemKey,
        status,
        status === 'published' ? 0 : 1,
        fields.lastError ?? null,
        fields.articleUrl ?? null,
      ],
    );
  }
}
