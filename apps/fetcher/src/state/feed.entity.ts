import { Column, Entity, PrimaryColumn } from 'typeorm';

const numeric = {
  to: (v: number | null) => v,
  from: (v: string | number | null) => (v === null ? null : Number(v)),
};

/** Where a feed was registered from: the feeds file (synchronized at start) or the REST API. */
export type FeedOrigin = 'config' | 'api';

/** What the fetcher knows of one feed between polls: validators, schedule, health. */
@Entity({ name: 'fetcher_feeds' })
export class FeedEntity {
  @PrimaryColumn({ type: 'text' })
  url!: string;

  /** `feedIdFor(url)`: the feed's name in the REST API and in feed-status events. */
  @Column({ type: 'text' })
  id!: string;

  @Column({ type: 'text', default: 'config' })
  origin!: FeedOrigin;

  /** False once a config feed left the configured list: kept (with its history), not polled. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Paused through the API: never leased nor polled, its state kept; resuming makes it due at once. */
  @Column({ type: 'boolean', default: false })
  paused!: boolean;

  /** From the feeds file's `name`, the API, OPML, or else the feed's own title once polled. */
  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'text', nullable: true })
  etag!: string | null;

  @Column({ name: 'last_modified', type: 'text', nullable: true })
  lastModified!: string | null;

  @Column({ name: 'next_poll_at', type: 'timestamptz' })
  nextPollAt!: Date;

  /** The interval of the feed when healthy, before jitter, backoff and server hints. */
  @Column({ name: 'interval_seconds', type: 'int' })
  intervalSeconds!: number;

  @Column({ name: 'consecutive_failures', type: 'int', default: 0 })
  consecutiveFailures!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_http_status', type: 'int', nullable: true })
  lastHttpStatus!: number | null;

  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true })
  lastSuccessAt!: Date | null;

  @Column({ name: 'last_polled_at', type: 'timestamptz', nullable: true })
  lastPolledAt!: Date | null;

  @Column({ name: 'items_per_day', type: 'double precision', nullable: true, transformer: numeric })
  itemsPerDay!: number | null;

  @Column({ name: 'mean_latency_ms', type: 'double precision', nullable: true, transformer: numeric })
  meanLatencyMs!: number | null;

  @Column({ type: 'boolean', default: false })
  unhealthy!: boolean;
}
