import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ItemStatus = 'published' | 'failed' | 'gave-up';

/** What the fetcher knows of one feed item: published, or failed so far and how often. */
@Entity({ name: 'fetcher_item_state' })
export class ItemStateEntity {
  @PrimaryColumn({ name: 'feed_url', type: 'text' })
  feedUrl!: string;

  @PrimaryColumn({ name: 'item_key', type: 'text' })
  itemKey!: string;

  @Column({ type: 'text' })
  status!: ItemStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'article_url', type: 'text', nullable: true })
  articleUrl!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
