// `npm run bench:fetch`: the real fetcher service polling a local farm of
// 10,000 feeds on 200 hosts (70% unchanged with ETag, 20% with new items, 5%
// slow, 5% failing). Three cycles, each with every feed made due at once:
// the first poll (all 200s, fills the validators), a steady conditional
// cycle, and the same cycle with the farm ignoring validators, as
// unconditional GETs would be answered.
import 'reflect-metadata';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFetcherConfig } from '../apps/fetcher/src/config.js';
import { BenchDatabase } from './support/bench-database.js';
import { FeedFarm } from './support/feed-farm.js';
import {
  NPM_START_FETCHER_NODE_OPTIONS,
  parseFetchOptions,
  type FetchBenchOptions,
} from './support/fetch-options.js';
import { fetchTable, type CycleResult } from './support/fetch-report.js';
import { ServiceProcess } from './support/service-process.js';
import {
  cycleProgress,
  makeAllDue,
  pagesPublishedSince,
  prepareFetcherState,
} from './support/fetch-state.js';
import { fmt } from './support/text-table.js';
import { freePort, Interruption, say, sleep, runBench } from './support/run-control.js';

const interruption = new Interruption('stopping the fetcher and dropping the database');

/**
 * Long enough that no feed comes due again by itself during the run: each
 * cycle is started by the bench making all feeds due, nothing else.
 */
const BENCH_INTERVAL_SECONDS = 3600;

function writeFeedsFile(dir: string, urls: readonly string[]): string {
  const path = join(dir, 'feeds.yaml');
  writeFileSync(path, `feeds:\n${urls.map((u) => `  - url: ${u}\n`).join('')}`);
  return path;
}

async function waitUntilStarted(fetcher: ServiceProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  let started = false;
  void fetcher.logged('polling due feeds').then(() => (started = true));
  while (!started) {
    interruption.check();
    if (!fetcher.running)
      throw new Error(`the fetcher exited during start-up:\n${fetcher.problems.join('\n')}`);
    if (Date.now() > deadline) throw new Error('the fetcher did not start within 2 minutes');
    await sleep(100);
  }
}

/** Makes every feed due and waits until each was polled once (or the fetcher died, or time ran out). */
async function runCycle(
  label: string,
  db: BenchDatabase,
  farm: FeedFarm,
  fetcher: ServiceProcess,
  options: FetchBenchOptions,
): Promise<CycleResult> {
  farm.takeStats();
  fetcher.resetSampledPeak();
  const cpuBefore = fetcher.usage().cpuSeconds;
  const startedAt = await makeAllDue(db);
  say(`${label}: ${fmt.int(options.feeds)} feeds due`);
  const deadline = Date.now() + options.cycleTimeoutMs;
  let lastReport = Date.now();
  let progress = await cycleProgress(db, startedAt);
  while (progress.polled < options.feeds) {
    interruption.check();
    if (!fetcher.running) throw new Error(`the fetcher exited:\n${fetcher.problems.join('\n')}`);
    if (Date.now() > deadline) {
      say(`${label}: time cap reached with ${fmt.int(progress.polled)} feeds polled`);
      break;
    }
    if (Date.now() - lastReport >= 5000) {
      lastReport = Date.now();
      say(`${label}: ${fmt.int(progress.polled)} / ${fmt.int(options.feeds)} polled`);
    }
    await sleep(200);
    progress = await cycleProgress(db, startedAt);
  }
  // The last poll's status event and lease release follow its last_polled_at; let them land.
  await sleep(500);
  const usage = fetcher.usage();
  const result: CycleResult = {
    complete: progress.polled >= options.feeds,
    feeds: options.feeds,
    polled: progress.polled,
    elapsedMs: progress.lastPolledAt ? progress.lastPolledAt.getTime() - startedAt.getTime() : 0,
    failedPolls: progress.failed,
    pagesPublished: await pagesPublishedSince(db, startedAt),
    farm: farm.takeStats(),
    sampledPeakRssBytes: usage.sampledMaxRssBytes,
    cpuSeconds: usage.cpuSeconds - cpuBefore,
  };
  say(
    `${label}: ${fmt.int(result.polled)} polled in ${fmt.seconds(result.elapsedMs)} ` +
      `(${fmt.rate(result.polled, result.elapsedMs)}), ${fmt.int(result.pagesPublished)} pages published`,
  );
  return result;
}

async function main(): Promise<number> {
  const options = parseFetchOptions(process.argv.slice(2), process.env);
  const workDir = mkdtempSync(join(tmpdir(), 'news-bench-fetch-'));
  const farm = new FeedFarm({ feeds: options.feeds, hosts: options.hosts, newItems: options.newItems });
  await farm.start();
  say(
    `feed farm: ${fmt.int(options.feeds)} feeds on ${options.hosts} hosts (127.0.0.1–127.0.0.${options.hosts}, port ${farm.port})`,
  );

  const db = new BenchDatabase(options.postgresServerUrl);
  let fetcher: ServiceProcess | undefined;
  try {
    const urls = farm.feedUrls();
    await prepareFetcherState(
      db,
      urls.map((url, n) => ({ url, articleUrls: farm.currentArticleUrls(n) })),
      BENCH_INTERVAL_SECONDS,
    );
    say(`database ${db.name} seeded: ${fmt.int(urls.length)} feeds, their current items already published`);

    const env: Record<string, string> = {
      KAFKA_BROKERS: options.kafkaBrokers.join(','),
      DATABASE_URL: db.url,
      FEEDS_FILE: writeFeedsFile(workDir, urls),
      FETCHER_ALLOW_PRIVATE_NETWORKS: 'true',
      ...(options.concurrency ? { FETCH_CONCURRENCY: String(options.concurrency) } : {}),
      FETCH_INTERVAL_SECONDS: String(BENCH_INTERVAL_SECONDS),
      FETCH_MIN_INTERVAL_SECONDS: String(BENCH_INTERVAL_SECONDS),
      FETCHER_PORT: String(await freePort()),
      // As `npm start` runs the fetcher, unless BENCH_FETCHER_NODE_OPTIONS says otherwise.
      NODE_OPTIONS: options.fetcherNodeOptions ?? NPM_START_FETCHER_NODE_OPTIONS,
    };
    const config = loadFetcherConfig(env);
    say(
      `fetcher limits: FETCH_CONCURRENCY=${config.FETCH_CONCURRENCY}, ` +
        `FETCH_PER_HOST_CONCURRENCY=${config.FETCH_PER_HOST_CONCURRENCY}, FETCH_HOST_DELAY_MS=${config.FETCH_HOST_DELAY_MS}; ` +
        `logs in ${workDir}`,
    );
    fetcher = new ServiceProcess('fetcher', env, {
      // The bench decides these; a developer's shell must not change what is measured.
      unsetEnv: [
        'NEWS_FEEDS',
        'FETCH_CONCURRENCY',
        'FETCH_PER_HOST_CONCURRENCY',
        'FETCH_HOST_DELAY_MS',
        'LOG_LEVEL',
      ],
      // The farm's failing feeds warn by design.
      expectedWarnings: ['feed poll failed'],
    }).start(workDir, workDir);
    await waitUntilStarted(fetcher);

    const warmUp = await runCycle('first poll', db, farm, fetcher, options);
    farm.nextCycle();
    const conditional = warmUp.complete
      ? await runCycle('steady, conditional', db, farm, fetcher, options)
      : null;
    farm.nextCycle();
    farm.setIgnoreValidators(true);
    const unconditional = conditional?.complete
      ? await runCycle('unconditional GETs', db, farm, fetcher, options)
      : null;
    const peakRssBytes = fetcher.usage().peakRssBytes;
    say(`stopping the fetcher: ${await fetcher.stop()}`);

    const header =
      `fetcher over ${fmt.int(options.feeds)} feeds on ${options.hosts} hosts, ` +
      `${options.newItems} new item(s) per changing feed and cycle (${cpus().length} cores, Node ${process.version})\n` +
      `limits: FETCH_CONCURRENCY=${config.FETCH_CONCURRENCY}, per host ${config.FETCH_PER_HOST_CONCURRENCY} ` +
      `in flight and ${config.FETCH_HOST_DELAY_MS} ms between request starts (defaults); gzip as the client asks` +
      `\nfetcher NODE_OPTIONS=${env.NODE_OPTIONS}`;
    process.stdout.write(
      `\n${header}\n\n${fetchTable({
        warmUp,
        conditional,
        unconditional,
        peakRssBytes,
        hostDelayMs: config.FETCH_HOST_DELAY_MS,
      })}\n\n` +
        'politeness floor: (requests to the busiest host − 1) × the host delay — no cycle can be shorter.\n' +
        'bytes: what the farm wrote to its sockets for every response (status line, headers, gzip body).\n\n',
    );
    return [warmUp, conditional, unconditional].every((c) => c?.complete) ? 0 : 1;
  } finally {
    await fetcher?.stop();
    await farm.stop();
    await db.drop().catch((error: unknown) => say(`could not drop ${db.name}: ${String(error)}`));
    say(`dropped ${db.name}`);
  }
}

runBench('bench:fetch', main);
