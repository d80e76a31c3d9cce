import type { FarmStats } from './feed-farm.js';
import { fmt, formatTable } from './text-table.js';

/** One cycle: every feed made due at once, timed until each had been polled. */
export interface CycleResult {
  complete: boolean;
  feeds: number;
  polled: number;
  /** From making the feeds due to the last poll's `last_polled_at`. */
  elapsedMs: number;
  failedPolls: number;
  pagesPublished: number;
  farm: FarmStats;
  /** Largest VmRSS sampled during the cycle. */
  sampledPeakRssBytes: number;
  cpuSeconds: number;
}

export interface FetchReport {
  warmUp: CycleResult;
  conditional: CycleResult | null;
  unconditional: CycleResult | null;
  /** VmHWM of the fetcher over the whole run. */
  peakRssBytes: number;
  hostDelayMs: number;
}

const TARGET = { cycleMs: 60_000, rssBytes: 256 * 1024 * 1024, notModifiedShare: 0.95 };

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`;
const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : 'n/a');
const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
const met = (ok: boolean) => (ok ? 'met' : 'MISSED');

/** Requests to the busiest host, less one, times the spacing: no cycle can be shorter. */
export function politenessFloorMs(c: CycleResult, hostDelayMs: number): number {
  return Math.max(0, Math.max(...c.farm.requestsPerHost) - 1) * hostDelayMs;
}

/**
 * Mean time between two requests to one host, over the hosts: at the host
 * delay the hosts were kept saturated and politeness set the pace; well
 * above it, the fetcher did not have their next request ready.
 */
export function meanHostGapMs(c: CycleResult): number {
  const gaps = c.farm.requestsPerHost.flatMap((n, host) =>
    n > 1 ? [((c.farm.lastRequestAt[host] ?? 0) - (c.farm.firstRequestAt[host] ?? 0)) / (n - 1)] : [],
  );
  return gaps.length > 0 ? gaps.reduce((a, b) => a + b, 0) / gaps.length : 0;
}

function unchangedShare(c: CycleResult): { notModified: number; polled: number } {
  const a = c.farm.feedAnswers.unchanged;
  return { notModified: a.notModified, polled: a.notModified + a.full + a.failed };
}

/** The measures side by side for the three cycles, with the targets beside them. */
export function fetchTable(r: FetchReport): string {
  const cycles = [r.warmUp, r.conditional, r.unconditional];
  const row = (label: string, value: (c: CycleResult) => string, target = ''): string[] => [
    label,
    ...cycles.map((c) => (c ? value(c) : 'not run')),
    target,
  ];
  const steady = r.conditional;
  const share = steady ? unchangedShare(steady) : null;
  const rows: string[][] = [
    row(
      'feeds polled',
      (c) => `${fmt.int(c.polled)} / ${fmt.int(c.feeds)}${c.complete ? '' : ' INCOMPLETE'}`,
    ),
    row(
      'time for one full cycle',
      (c) => fmt.seconds(c.elapsedMs),
      steady ? `≤ 60 s: ${met(steady.complete && steady.elapsedMs <= TARGET.cycleMs)}` : '≤ 60 s',
    ),
    row('polls per second', (c) => fmt.rate(c.polled, c.elapsedMs)),
    row('politeness floor', (c) => fmt.seconds(politenessFloorMs(c, r.hostDelayMs))),
    row('busiest host: requests', (c) => fmt.int(Math.max(...c.farm.requestsPerHost))),
    row(
      'mean gap between requests to a host',
      (c) => `${(meanHostGapMs(c) / 1000).toFixed(2)} s`,
      `politeness: ${r.hostDelayMs / 1000} s`,
    ),
    row('feed answers 200 / 304 / failed', (c) => {
      const s = c.farm.requests;
      return `${fmt.int(s['feed-200'])} / ${fmt.int(s['feed-304'])} / ${fmt.int(s['feed-error'])}`;
    }),
    row(
      'unchanged feeds answered 304',
      (c) => {
        const u = unchangedShare(c);
        return pct(u.notModified, u.polled);
      },
      share
        ? `≥ 95%: ${met(share.polled > 0 && share.notModified / share.polled >= TARGET.notModifiedShare)}`
        : '',
    ),
    row('polls that failed', (c) => fmt.int(c.failedPolls)),
    row(
      'article pages fetched / published',
      (c) => `${fmt.int(c.farm.requests.page)} / ${fmt.int(c.pagesPublished)}`,
    ),
    row('robots.txt requests', (c) => fmt.int(c.farm.requests.robots)),
    row('bytes on the wire, all responses', (c) => size(sum(c.farm.wireBytes))),
    row('  of which feeds', (c) =>
      size(c.farm.wireBytes['feed-200'] + c.farm.wireBytes['feed-304'] + c.farm.wireBytes['feed-error']),
    ),
    row('bytes decoded (bodies, unzipped)', (c) => size(sum(c.farm.bodyBytes))),
    row('bytes vs unconditional GETs', (c) =>
      r.unconditional ? pct(sum(c.farm.wireBytes), sum(r.unconditional.farm.wireBytes)) : 'n/a',
    ),
    row('fetcher RSS peak in the cycle', (c) => fmt.mb(c.sampledPeakRssBytes)),
    row('fetcher CPU in the cycle', (c) => `${fmt.fixed(c.cpuSeconds)} s`),
  ];
  rows.push([
    'fetcher peak RSS (VmHWM, whole run)',
    fmt.mb(r.peakRssBytes),
    '',
    '',
    `≤ 256 MB: ${met(r.peakRssBytes <= TARGET.rssBytes)}`,
  ]);
  return formatTable(
    [
      { header: 'fetch measure' },
      { header: 'first poll', align: 'right' },
      { header: 'steady, conditional', align: 'right' },
      { header: 'unconditional GETs', align: 'right' },
      { header: 'target (issue 4)' },
    ],
    rows,
  );
}
