export interface FetchBenchOptions {
  feeds: number;
  hosts: number;
  /** FETCH_CONCURRENCY given to the fetcher (polls and requests in flight); null: the fetcher's default. */
  concurrency: number | null;
  /** Items each changing feed gains per cycle; each is one more page request to its host. */
  newItems: number;
  /** Give up on one cycle after this long. */
  cycleTimeoutMs: number;
  kafkaBrokers: string[];
  /** postgres://user@host:port, without a database name. */
  postgresServerUrl: string;
  /** NODE_OPTIONS for the fetcher process alone (heap limits, say), not for the bench and its farm. */
  fetcherNodeOptions: string | null;
}

export const FETCH_USAGE = `node dist/bench/fetch.js [--feeds N] [--hosts N] [--concurrency N] [--new-items N] [--timeout-minutes M]
  --feeds N            feeds in the farm (default 10000)
  --hosts N            hosts they are spread over, at most 254 (default 200)
  --concurrency N      FETCH_CONCURRENCY for the fetcher (default: the fetcher's own default)
  --new-items N        new items per changing feed and cycle (default 1)
  --timeout-minutes M  give up on a cycle after M minutes (default 10)
environment: KAFKA_BROKERS (127.0.0.1:9092), BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432),
  BENCH_FETCHER_NODE_OPTIONS (NODE_OPTIONS for the fetcher only; default: what npm start gives it)`;

const NAMES = ['feeds', 'hosts', 'concurrency', 'new-items', 'timeout-minutes'] as const;
type Name = (typeof NAMES)[number];

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

/** `--name value` and `--name=value`; anything unknown is an error rather than silently ignored. */
export function parseFetchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): FetchBenchOptions {
  const flags = new Map<Name, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') throw new Error(FETCH_USAGE);
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unexpected argument "${arg}"\n${FETCH_USAGE}`);
    const name = match[1] as Name;
    if (!NAMES.includes(name)) throw new Error(`unknown option --${name}\n${FETCH_USAGE}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    flags.set(name, value);
  }
  const hosts = positiveInt('--hosts', flags.get('hosts'), 200);
  if (hosts > 254) throw new Error(`--hosts must be at most 254 (one loopback address each), got ${hosts}`);
  const feeds = positiveInt('--feeds', flags.get('feeds'), 10_000);
  if (feeds < hosts) throw new Error(`--feeds (${feeds}) must be at least --hosts (${hosts})`);
  return {
    feeds,
    hosts,
    // Left out, the fetcher runs with its own default, as a user would run it.
    concurrency: flags.has('concurrency') ? positiveInt('--concurrency', flags.get('concurrency'), 1) : null,
    newItems: positiveInt('--new-items', flags.get('new-items'), 1),
    cycleTimeoutMs: positiveInt('--timeout-minutes', flags.get('timeout-minutes'), 10) * 60_000,
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092')
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    postgresServerUrl: (env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, ''),
    fetcherNodeOptions: env.BENCH_FETCHER_NODE_OPTIONS?.trim() || null,
  };
}
