import type { LatencySummary, StoredRunMetrics } from './pipeline-metrics.js';
import type { ProduceResult } from './produce-raw-articles.js';
import type { ProcessUsage, ServiceName } from './service-process.js';

/** The services the pipeline bench runs. */
type PipelineService = Exclude<ServiceName, 'fetcher'>;
import { fmt, formatTable } from './text-table.js';

export interface PipelineReport {
  expected: number;
  produced: ProduceResult;
  metrics: StoredRunMetrics;
  usage: Record<PipelineService, ProcessUsage>;
  deadLetters: Record<PipelineService, { ours: number; others: number }>;
  /** Messages each group consumed but never committed, read after the services stopped. */
  uncommitted: Record<PipelineService, number>;
  stopped: Record<PipelineService, string>;
  batchSize: number;
}

const span = (from: Date | null, to: Date | null) => (from && to ? to.getTime() - from.getTime() : 0);

function latencyRows(label: string, what: string, l: LatencySummary | null): string[][] {
  if (!l) return [[label, 'n/a', what]];
  return [
    [`${label} p50`, fmt.ms(l.p50), what],
    [`${label} p90`, fmt.ms(l.p90), ''],
    [`${label} p99`, fmt.ms(l.p99), ''],
    [`${label} max`, fmt.ms(l.max), ''],
  ];
}

export function pipelineTable(r: PipelineReport): string {
  const m = r.metrics;
  const wallMs = span(m.firstFetchedAt, m.lastStoredAt);
  const parserMs = span(m.firstFetchedAt, m.lastParsedAt);
  const storageMs = span(m.firstStoredAt, m.lastStoredAt);
  const cpu = (s: PipelineService) =>
    `${fmt.fixed(r.usage[s].cpuSeconds)} s CPU = ${wallMs > 0 ? fmt.fixed((100 * r.usage[s].cpuSeconds) / (wallMs / 1000), 0) : '?'}% of one core over the wall time`;
  const rows: string[][] = [
    [
      'articles stored',
      `${fmt.int(m.stored)} / ${fmt.int(r.expected)}`,
      'rows in articles with this run’s ids',
    ],
    ['wall time', fmt.seconds(wallMs), 'first produce (min fetched_at) → last stored (max stored_at)'],
    ['end-to-end throughput', fmt.rate(m.stored, wallMs), 'articles stored / wall time'],
    [
      'producer rate',
      fmt.rate(r.produced.events, r.produced.elapsedMs),
      `${fmt.int(r.produced.events)} events, ${fmt.mb(r.produced.htmlBytes)} HTML, in ${fmt.seconds(r.produced.elapsedMs)}; batches of ${r.batchSize}, gzip, acks=-1 (${fmt.seconds(r.produced.sendMs)} in send, ${fmt.seconds(r.produced.renderMs)} rendering pages)`,
    ],
    [
      'parser throughput',
      fmt.rate(m.stored, parserMs),
      `first produce → last parsed_at (${fmt.seconds(parserMs)})`,
    ],
    [
      'storage throughput (as fed)',
      fmt.rate(m.stored, storageMs),
      `first → last stored_at (${fmt.seconds(storageMs)}); cannot exceed what the parser delivers`,
    ],
    ...latencyRows(
      'latency fetched→stored',
      'stored_at − fetched_at: queueing behind the backlog included',
      m.fetchedToStored,
    ),
    ...latencyRows(
      '  of which fetched→parsed',
      'parsed_at − fetched_at: waiting for the parser + parsing',
      m.fetchedToParsed,
    ),
    ...latencyRows(
      '  of which parsed→stored',
      'stored_at − parsed_at: parser publish + Kafka + storage',
      m.parsedToStored,
    ),
    [
      'storage transactions',
      fmt.int(m.transactions),
      `mean ${m.transactions > 0 ? fmt.fixed(m.stored / m.transactions) : '?'} rows/transaction, max ${m.maxRowsPerTransaction} (rows sharing a stored_at)`,
    ],
    ['peak RSS parser', fmt.mb(r.usage.parser.peakRssBytes), `VmHWM; ${cpu('parser')} (from first produce)`],
    [
      'peak RSS storage',
      fmt.mb(r.usage.storage.peakRssBytes),
      `VmHWM; ${cpu('storage')} (from first produce)`,
    ],
    [
      'dead letters',
      `${r.deadLetters.parser.ours} / ${r.deadLetters.storage.ours}`,
      'parser / storage, of this run’s pages (from their logs)' +
        (r.deadLetters.parser.others + r.deadLetters.storage.others > 0
          ? `; plus ${r.deadLetters.parser.others} / ${r.deadLetters.storage.others} of other runs’ messages`
          : ''),
    ],
    [
      'uncommitted after stop',
      `${fmt.int(r.uncommitted.parser)} / ${fmt.int(r.uncommitted.storage)}`,
      'parser / storage: messages up to the topic end their group never committed (a restart re-reads them)',
    ],
    ['stopped by SIGTERM', `${r.stopped.parser} / ${r.stopped.storage}`, 'parser / storage: how they exited'],
  ];
  if (m.foreignRows > 0)
    rows.push([
      'other rows',
      fmt.int(m.foreignRows),
      'stored by our services but produced by someone else on the shared broker',
    ]);
  return formatTable(
    [{ header: 'pipeline measure' }, { header: 'value', align: 'right' }, { header: 'what it is' }],
    rows,
  );
}

export interface ComparisonRow {
  label: string;
  result: { articles: number; elapsedMs: number; transactions: number };
  what: string;
}

export function comparisonTable(rows: readonly ComparisonRow[]): string {
  return formatTable(
    [
      { header: 'storage write path' },
      { header: 'articles', align: 'right' },
      { header: 'tx', align: 'right' },
      { header: 'time', align: 'right' },
      { header: 'articles/s', align: 'right' },
      { header: 'what it measures' },
    ],
    rows.map(({ label, result, what }) => [
      label,
      fmt.int(result.articles),
      fmt.int(result.transactions),
      fmt.seconds(result.elapsedMs),
      fmt.rate(result.articles, result.elapsedMs),
      what,
    ]),
  );
}
