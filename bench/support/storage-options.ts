import { infrastructureFrom, parseFlags, positiveInt, type Infrastructure } from './options.js';

export interface StorageBenchOptions extends Infrastructure {
  /** Synthetic articles to load. */
  articles: number;
  /** Messages per ArticleWriter.writeBatch call. */
  batch: number;
  /** Rows per COPY statement in the baseline. */
  copyChunk: number;
  /** Timed requests per endpoint. */
  requests: number;
}

/**
 * The batch storage writes when it has a backlog to catch up on: kafkajs hands eachBatch whatever
 * one fetch returned for the partition (storage asks for up to 4 MB per partition, ~8 KB per
 * article message), and the pipeline bench compares its write path at this size too. Live, at a
 * trickle of news, batches are a handful of messages; throughput only matters when catching up.
 */
export const DEFAULT_BATCH = 500;

export const STORAGE_USAGE = `node dist/bench/storage.js [--articles N] [--batch N] [--copy-chunk N] [--requests N]
  --articles N    synthetic articles to load (default 1000000; e.g. 20000 for a quick run)
  --batch N       messages per ArticleWriter.writeBatch, as one consumed batch (default ${DEFAULT_BATCH})
  --copy-chunk N  rows per COPY statement in the baseline (default 2000)
  --requests N    timed requests per endpoint (default 200)
environment: KAFKA_BROKERS (127.0.0.1:9092), BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432)`;

const NAMES = ['articles', 'batch', 'copy-chunk', 'requests'] as const;

/** Counts may be written with separators: `--articles 1_000_000`. */
const count = (name: string, raw: string | undefined, fallback: number): number =>
  positiveInt(name, raw?.replace(/[_,]/g, ''), fallback);

export function parseStorageOptions(argv: readonly string[], env: NodeJS.ProcessEnv): StorageBenchOptions {
  const flags = parseFlags(argv, NAMES, STORAGE_USAGE);
  return {
    articles: count('--articles', flags.get('articles'), 1_000_000),
    batch: count('--batch', flags.get('batch'), DEFAULT_BATCH),
    copyChunk: count('--copy-chunk', flags.get('copy-chunk'), 2000),
    requests: count('--requests', flags.get('requests'), 200),
    ...infrastructureFrom(env),
  };
}
