// `npm run bench:extract`: our extractor against Readability on linkedom and
// on jsdom, over the same corpus pages, each engine in its own process on
// one core: pages per second, per-page latency, peak RSS and body F1 against
// the hand-written golden files.
//
// The machine this runs on is shared, and its load drifts over a minute: the
// engines take turns in short slices (ours, linkedom, jsdom, ours, …) rather
// than one long run each, so that every engine sees the same drift and the
// ratios between them hold even when the absolute numbers do not.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tokenPrecisionRecall } from '@news/extraction';
import { loadCorpus } from './support/extraction-corpus.js';
import { createEngine, ENGINE_NAMES, type EngineName } from './support/extraction-engines.js';
import { fmt, formatTable } from './support/text-table.js';

/** What one child process measured in its slice. */
interface SliceResult {
  engine: EngineName;
  pages: number;
  /** Pages extracted in the timed loop, and the time it took. */
  extracted: number;
  elapsedMs: number;
  /** Per-page latencies of the timed loop, in milliseconds. */
  latencies: number[];
  /** Mean token precision and recall over the corpus (scored in the first slice only). */
  precision: number | null;
  recall: number | null;
  peakRssBytes: number;
}

interface EngineResult {
  engine: EngineName;
  pages: number;
  pagesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  precision: number;
  recall: number;
  f1: number;
  peakRssBytes: number;
}

const MIN_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Turns each engine takes; the timed seconds are split between them. */
const SLICES = Math.max(1, Number(process.env.BENCH_SLICES ?? 3));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Runs in the child: one round over the corpus to warm up (scored against the goldens when
 * asked), then whole rounds until `seconds` have passed.
 */
async function measureSlice(engineName: EngineName, seconds: number, score: boolean): Promise<SliceResult> {
  const pages = loadCorpus();
  const engine = await createEngine(engineName);
  let precision = 0;
  let recall = 0;
  for (const page of pages) {
    const body = engine(page);
    if (!score) continue;
    const result = tokenPrecisionRecall(body, page.expectedBody);
    precision += result.precision;
    recall += result.recall;
  }
  const latencies: number[] = [];
  const started = performance.now();
  let rounds = 0;
  while (rounds === 0 || performance.now() - started < seconds * 1000) {
    for (const page of pages) {
      const t0 = performance.now();
      engine(page);
      latencies.push(Math.round((performance.now() - t0) * 1000) / 1000);
    }
    rounds++;
  }
  return {
    engine: engineName,
    pages: pages.length,
    extracted: pages.length * rounds,
    elapsedMs: performance.now() - started,
    latencies,
    precision: score ? precision / pages.length : null,
    recall: score ? recall / pages.length : null,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

function runSlice(engine: EngineName, seconds: number, score: boolean): SliceResult {
  const args = ['--engine', engine, '--seconds', String(seconds), ...(score ? ['--score'] : [])];
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: process.env,
  });
  if (child.status !== 0) throw new Error(`${engine} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as SliceResult;
}

/** One engine's slices as one result: throughput over all timed loops, the worst peak RSS. */
function combine(slices: SliceResult[]): EngineResult {
  const scored = slices.find((s) => s.precision !== null) as SliceResult;
  const latencies = slices.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const extracted = slices.reduce((sum, s) => sum + s.extracted, 0);
  const elapsedMs = slices.reduce((sum, s) => sum + s.elapsedMs, 0);
  const precision = scored.precision ?? 0;
  const recall = scored.recall ?? 0;
  return {
    engine: scored.engine,
    pages: scored.pages,
    pagesPerSecond: extracted / (elapsedMs / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    peakRssBytes: Math.max(...slices.map((s) => s.peakRssBytes)),
  };
}

const engineArg = process.argv.indexOf('--engine');
if (engineArg >= 0) {
  const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1] ?? MIN_SECONDS);
  const result = await measureSlice(
    process.argv[engineArg + 1] as EngineName,
    seconds,
    process.argv.includes('--score'),
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const slices = new Map<EngineName, SliceResult[]>(ENGINE_NAMES.map((engine) => [engine, []]));
  for (let slice = 0; slice < SLICES; slice++) {
    for (const engine of ENGINE_NAMES) {
      process.stderr.write(`▸ ${engine}: slice ${slice + 1}/${SLICES}, at least ${MIN_SECONDS / SLICES} s\n`);
      slices.get(engine)?.push(runSlice(engine, MIN_SECONDS / SLICES, slice === 0));
    }
  }
  const results = ENGINE_NAMES.map((engine) => combine(slices.get(engine) ?? []));
  const ours = results[0];
  process.stdout.write(
    `\nArticle extraction on ${ours.pages} corpus pages, one engine per process, one core, ` +
      `${SLICES} interleaved slices each (Node ${process.version})\n\n` +
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
      '"vs ours": how many times faster our extractor is than that engine; peak RSS: the largest of its\n' +
      'processes, each holding the whole decoded corpus.\n',
  );
}
