export interface BenchOptions extends Infrastructure {
  /** Raw-article events to produce. */
  count: number;
  /** Events per producer send. */
  batchSize: number;
  /** Give up waiting for the rows after this long. */
  timeoutMs: number;
  /** At most this many articles go through the one-row-per-transaction comparison. */
  comparisonLimit: number;
}

export const USAGE = `node dist/bench/pipeline.js [--count N] [--batch N] [--timeout-minutes M] [--compare N]
  --count N            raw-article events to produce (default 10000, or BENCH_COUNT)
  --batch N            events per producer send (default 200)
  --timeout-minutes M  give up waiting for the rows after M minutes (default 15)
  --compare N          articles in the storage comparison, at most (default 5000)
environment: KAFKA_BROKERS (127.0.0.1:9092), BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432)`;

/** Where the benches find Kafka and PostgreSQL: KAFKA_BROKERS and BENCH_POSTGRES_URL, or the local defaults. */
export interface Infrastructure {
  kafkaBrokers: string[];
  /** postgres://user@host:port, without a database name. */
  postgresServerUrl: string;
}

export function infrastructureFrom(env: NodeJS.ProcessEnv): Infrastructure {
  return {
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092')
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    postgresServerUrl: (env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, ''),
  };
}

/** A wrong command line: reported as its message and the usage, without a stack. */
export class UsageError extends Error {}

export function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new UsageError(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

/**
 * A bench's `--name value` and `--name=value` flags by name, and its `switches` (`--name` alone,
 * read as "yes"); `--help` and anything unknown are errors carrying the usage text, rather than
 * silently ignored.
 */
export function parseFlags(
  argv: readonly string[],
  names: readonly string[],
  usage: string,
  switches: readonly string[] = [],
): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') throw new UsageError(usage);
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`unexpected argument "${arg}"\n${usage}`);
    const [, name, inline] = match as unknown as [string, string, string | undefined];
    if (switches.includes(name) && inline === undefined) {
      flags.set(name, 'yes');
      continue;
    }
    if (!names.includes(name)) throw new UsageError(`unknown option --${name}\n${usage}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  return flags;
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = parseFlags(argv, ['count', 'batch', 'timeout-minutes', 'compare'], USAGE);
  return {
    count: positiveInt('--count', flags.get('count') ?? env.BENCH_COUNT, 10_000),
    batchSize: positiveInt('--batch', flags.get('batch'), 200),
    timeoutMs: positiveInt('--timeout-minutes', flags.get('timeout-minutes'), 15) * 60_000,
    comparisonLimit: positiveInt('--compare', flags.get('compare'), 5000),
    ...infrastructureFrom(env),
  };
}
