export interface StorageBenchOptions {
  /** Synthetic articles to load. */
  articles: number;
  /** Messages per ArticleWriter.writeBatch call. */
  batch: number;
  /** Rows per COPY statement in the baseline. */
  copyChunk: number;
  /** Timed requests per endpoint. */
  requests: number;
  kafkaBrokers: string[];
  /** postgres://user@host:port, without a database name. */
  postgresServerUrl: string;
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

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

/** `--name value` and `--name=value`; anything unknown is an error rather than silently ignored. */
export function parseStorageOptions(argv: readonly string[], env: NodeJS.ProcessEnv): StorageBenchOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') throw new Error(STORAGE_USAGE);
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unexpected argument "${arg}"\n${STORAGE_USAGE}`);
    const [, name, inline] = match as unknown as [string, string, string | undefined];
    if (!(NAMES as readonly string[]).includes(name))
      throw new Error(`unknown option --${name}\n${STORAGE_USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    flags.set(name, value);
  }
  return {
    articles: positiveInt('--articles', flags.get('articles'), 1_000_000),
    batch: positiveInt('--batch', flags.get('batch'), DEFAULT_BATCH),
    copyChunk: positiveInt('--copy-chunk', flags.get('copy-chunk'), 2000),
    requests: positiveInt('--requests', flags.get('requests'), 200),
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092')
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    postgresServerUrl: (env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, ''),
  };
}
