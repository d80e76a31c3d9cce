import { infrastructureFrom, parseFlags, positiveInt, UsageError, type Infrastructure } from './options.js';

/** What `npm start` (scripts/start.mjs) gives the fetcher as NODE_OPTIONS; keep the two in step. */
export const NPM_START_FETCHER_NODE_OPTIONS = '--max-old-space-size=192 --max-semi-space-size=8';

export interface FetchBenchOptions extends Infrastructure {
  feeds: number;
  hosts: number;
  /** FETCH_CONCURRENCY given to the fetcher (polls and requests in flight); null: the fetcher's default. */
  concurrency: number | null;
  /** Items each changing feed gains per cycle; each is one more page request to its host. */
  newItems: number;
  /** Give up on one cycle after this long. */
  cycleTimeoutMs: number;
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

export function parseFetchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): FetchBenchOptions {
  const flags = parseFlags(argv, NAMES, FETCH_USAGE);
  const hosts = positiveInt('--hosts', flags.get('hosts'), 200);
  if (hosts > 254)
    throw new UsageError(`--hosts must be at most 254 (one loopback address each), got ${hosts}`);
  const feeds = positiveInt('--feeds', flags.get('feeds'), 10_000);
  if (feeds < hosts) throw new UsageError(`--feeds (${feeds}) must be at least --hosts (${hosts})`);
  return {
    feeds,
    hosts,
    // Left out, the fetcher runs with its own default, as a user would run it.
    concurrency: flags.has('concurrency') ? positiveInt('--concurrency', flags.get('concurrency'), 1) : null,
    newItems: positiveInt('--new-items', flags.get('new-items'), 1),
    cycleTimeoutMs: positiveInt('--timeout-minutes', flags.get('timeout-minutes'), 10) * 60_000,
    ...infrastructureFrom(env),
    fetcherNodeOptions: env.BENCH_FETCHER_NODE_OPTIONS?.trim() || null,
  };
}
