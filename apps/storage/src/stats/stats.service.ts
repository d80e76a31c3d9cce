import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Logger } from '@news/observability';
import type { Admin } from 'kafkajs';
import { deadLetterCounts } from './dead-letter-counts.js';
import { bucketStart, HOUR_MS, MINUTE_MS, zeroFilledSeries, type CountPoint } from './ingestion-series.js';
import { latencyPercentiles, type LatencyPercentiles } from './latency-percentiles.js';
import type { StatsRepository } from './stats.repository.js';

export interface IngestionStats {
  ingestion: { perMinute: CountPoint[]; perHour: CountPoint[]; lastMinute: number; lastHour: number };
  latency: { window: '1h' } & LatencyPercentiles;
  deadLetters: Record<string, number | null>;
}

const MINUTES_SHOWN = 60;
const HOURS_SHOWN = 48;
const PRUNE_EVERY_MS = HOUR_MS;

/**
 * What `GET /stats` answers: articles written per minute (the last 60, the current one
 * included) and per hour (the last 48), fetch-to-store latency percentiles over the same 60
 * minutes, and the messages held by the dead-letter topics. Also prunes old counter rows hourly.
 */
export class StatsService implements OnModuleInit, OnModuleDestroy {
  private pruneTimer: NodeJS.Timeout | undefined;

  constructor(
    /** ingestion_counters, in PostgreSQL or in the SQLite store (sqlite-stats.repository.ts). */
    private readonly repository: Pick<
      StatsRepository,
      'now' | 'writtenPerMinute' | 'latencyBuckets' | 'prune'
    >,
    private readonly admin: Pick<Admin, 'fetchTopicOffsets'>,
    private readonly logger: Logger,
  ) {}

  async stats(): Promise<IngestionStats> {
    const now = await this.repository.now();
    const firstMinute = new Date(bucketStart(now, MINUTE_MS).getTime() - (MINUTES_SHOWN - 1) * MINUTE_MS);
    const firstHour = new Date(bucketStart(now, HOUR_MS).getTime() - (HOURS_SHOWN - 1) * HOUR_MS);
    const [rows, buckets, deadLetters] = await Promise.all([
      this.repository.writtenPerMinute(firstHour),
      this.repository.latencyBuckets(firstMinute),
      deadLetterCounts(this.admin, (topic, error) =>
        this.logger.warn({ topic, err: error }, 'dead-letter topic offsets unavailable for /stats'),
      ),
    ]);
    const perMinute = zeroFilledSeries(rows, now, MINUTE_MS, MINUTES_SHOWN);
    return {
      ingestion: {
        perMinute,
        perHour: zeroFilledSeries(rows, now, HOUR_MS, HOURS_SHOWN),
        lastMinute: perMinute[perMinute.length - 1].count,
        lastHour: perMinute.reduce((sum, p) => sum + p.count, 0),
      },
      latency: { window: '1h', ...latencyPercentiles(buckets) },
      deadLetters,
    };
  }

  onModuleInit(): void {
    this.pruneTimer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
    void this.prune();
  }

  onModuleDestroy(): void {
    clearInterval(this.pruneTimer);
  }

  private async prune(): Promise<void> {
    try {
      const deleted = await this.repository.prune();
      if (deleted > 0) this.logger.info({ deleted }, 'old ingestion counters pruned');
    } catch (error) {
      this.logger.warn({ err: error }, 'pruning ingestion counters failed; retried in an hour');
    }
  }
}
