import { infrastructureFrom, parseFlags, positiveInt, UsageError, type Infrastructure } from './options.js';
import { ARRIVAL_ORDERS, type ArrivalOrder } from './storage-corpus.js';

export interface StorageBenchOptions extends Infrastructure {
  /** Synthetic articles to load. */
  articles: number;
  /** Messages per ArticleWriter.writeBatch call. */
  batch: number;
  /** Rows per COPY statement in the baseline. */
  copyChunk: number;
  /** Timed requests per endpoint. */
  requests: number;
  /** Days back from now the articles' publication times spread over. */
  days: number;
  /** The order articles are written in: by publication time, as continuous ingestion writes them, or shuffled. */
  order: ArrivalOrder;
  /** Leave the consumer path's database for a look with psql instead of dropping it (COPY's is dropped either way). */
  keep: boolean;
}

/**
 * The batch storage writes when it has a backlog to catch up on: kafkajs hands eachBatch whatever
 * one fetch returned for the partition (storage asks for up to 4 MB per partition, ~8 KB per
 * article message), and the pipeline bench compares its write path at this size too. Live, at a
 * trickle of news, batches are a handful of messages; throughput only matters when catching up.
 */
export const DEFAULT_BATCH = 500;

/** The default span; trending compares with the 7 days before the window's, so fewer than 8 show no trend. */
const DEFAULT_DAYS = 90;
const MIN_DAYS = 8;

export const STORAGE_USAGE = `node dist/bench/storage.js [--articles N] [--days N] [--batch N] [--copy-chunk N] [--requests N] [--order time|random] [--keep]
  --articles N    synthetic articles to load (default 1000000; e.g. 20000 for a quick run)
  --days N        days their publication times spread over (default ${DEFAULT_DAYS}, at least ${MIN_DAYS}); with
                  --articles, sets the articles per day: 110000 over 10 days is as dense as 1M over 90
  --order O       time (default): articles arrive in publication order, give or take a few hours, as
                  continuous ingestion writes them; random: shuffled over the whole span, as a backfill
                  of archives might (rows of an hour then lie scattered over the tables)
  --keep          keep the consumer path's database (its name is printed) instead of dropping it
  --batch N       messages per ArticleWriter.writeBatch, as one consumed batch (default ${DEFAULT_BATCH})
  --copy-chunk N  rows per COPY statement in the baseline (default 2000)
  --requests N    timed requests per endpoint (default 200)
environment: KAFKA_BROKERS (127.0.0.1:9092), BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432)`;

const NAMES = ['articles', 'days', 'order', 'batch', 'copy-chunk', 'requests'] as const;

/** Counts may be written with separators: `--articles 1_000_000`. */
const count = (name: string, raw: string | undefined, fallback: number): number =>
  positiveInt(name, raw?.replace(/[_,]/g, ''), fallback);

export function parseStorageOptions(argv: readonly string[], env: NodeJS.ProcessEnv): StorageBenchOptions {
  const flags = parseFlags(argv, NAMES, STORAGE_USAGE, ['keep']);
  const days = count('--days', flags.get('days'), DEFAULT_DAYS);
  if (days < MIN_DAYS)
    throw new UsageError(`--days must be at least ${MIN_DAYS}, got ${days}\n${STORAGE_USAGE}`);
  const order = flags.get('order') ?? 'time';
  if (!ARRIVAL_ORDERS.includes(order as ArrivalOrder))
    throw new UsageError(`--order must be time or random, got "${order}"\n${STORAGE_USAGE}`);
  return {
    articles: count('--articles', flags.get('articles'), 1_000_000),
    days,
    order: order as ArrivalOrder,
    keep: flags.has('keep'),
    batch: count('--batch', flags.get('batch'), DEFAULT_BATCH),
    copyChunk: count('--copy-chunk', flags.get('copy-chunk'), 2000),
    requests: count('--requests', flags.get('requests'), 200),
    ...infrastructureFrom(env),
  };
}
