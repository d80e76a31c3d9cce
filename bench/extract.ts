// `npm run bench:extract`: our extractor against Readability on linkedom and
// on jsdom, over the same corpus pages, each engine in its own process on
// one core: pages per second, per-page latency, peak RSS and body F1 against
// the hand-written golden files.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tokenPrecisionRecall } from '@news/extraction';
import { loadCorpus } from './support/extraction-corpus.js';
import { createEngine, ENGINE_NAMES, type EngineName } from './support/extraction-engines.js';
import { fmt, formatTable } from './support/text-table.js';

interface EngineResult {
  engine: EngineName;
  pages: number;
  rounds: number;
  pagesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  precision: number;
  recall: number;
  f1: number;
  peakRssBytes: number;
}

const MIN_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs in the child: warm up once, then whole rounds over the corpus until MIN_SECONDS have passed. */
function measure(engineName: EngineName): EngineResult {
  const pages = loadCorpus();
  const engine = createEngine(engineName);
  let precision = 0;
  let recall = 0;
  for (const page of pages) {
    const score = tokenPrecisionRecall(engine(page), page.expectedBody);
    precision += score.precision;
    recall += score.recall;
  }
  const latencies: number[] = [];
  const started = performance.now();
  let rounds = 0;
  while (rounds === 0 || performance.now() - started < MIN_SECONDS * 1000) {
    for (const page of pages) {
      const t0 = performance.now();
      engine(page);
      latencies.push(performance.now() - t0);
    }
    rounds++;
  }
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const meanP = precision / pages.length;
  const meanR = recall / pages.length;
  return {
    engine: engineName,
    pages: pages.length,
    rounds,
    pagesPerSecond: (pages.length * rounds) / (elapsed / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    precision: meanP,
    recall: meanR,
    f1: meanP + meanR === 0 ? 0 : (2 * meanP * meanR) / (meanP + meanR),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

function runInChild(engine: EngineName): EngineResult {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--engine', engine], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    env: process.env,
  });
  if (child.status !== 0) throw new Error(`${engine} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as EngineResult;
}

const engineArg = process.argv.indexOf('--engine');
if (engineArg >= 0) {
  process.stdout.write(`${JSON.stringify(measure(process.argv[engineArg + 1] as EngineName))}\n`);
} else {
  const results = ENGINE_NAMES.map((engine) => {
    process.stderr.write(`▸ ${engine}: at least ${MIN_SECONDS} s over the corpus\n`);
    return runInChild(engine);
  });
  const ours = results[0];
  process.stdout.write(
    `\nArticle extraction on ${ours.pages} corpus pages, one engine per process, one core (Node ${process.version})\n\n` +
      formatTable(
        [
          { header: 'engine' },
          { header: 'pages/s', align: 'right' },
          { header: 'vs ours', align: 'right' },
          { header: 'p50 ms', align: 'right' },
          { header: 'p99 ms', align: 'right' },
          { header: 'body P', align: 'right' },
          { header: 'body R', align: 'right' },
          { header: 'body F1', align: 'right' },
          { header: 'peak RSS', align: 'right' },
        ],
        results.map((r) => [
          r.engine,
          fmt.fixed(r.pagesPerSecond, 1),
          `${fmt.fixed(ours.pagesPerSecond / r.pagesPerSecond, 2)}x`,
          fmt.fixed(r.p50Ms, 2),
          fmt.fixed(r.p99Ms, 2),
          fmt.fixed(r.precision, 3),
          fmt.fixed(r.recall, 3),
          fmt.fixed(r.f1, 3),
          fmt.mb(r.peakRssBytes),
        ]),
      ) +
      '\n\nbody P/R: mean token precision and recall of the body text against the hand-written golden files;\n' +
      '"vs ours": how many times faster our extractor is than that engine.\n',
  );
}
