import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The built fetcher beside this bench: dist/bench/support/ → dist/apps/fetcher/src/main.js. */
const FETCHER_MAIN = fileURLToPath(new URL('../../apps/fetcher/src/main.js', import.meta.url));

/** What `npm start` (scripts/start.mjs) gives the fetcher as NODE_OPTIONS; keep the two in step. */
export const NPM_START_FETCHER_NODE_OPTIONS = '--max-old-space-size=192 --max-semi-space-size=8';

/** Linux reports CPU time in clock ticks; 100 per second on every mainstream kernel config. */
const CLOCK_TICKS_PER_SECOND = 100;

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

export interface FetcherUsage {
  /** VmHWM: the peak resident set over the process's whole life. */
  peakRssBytes: number;
  /** Largest VmRSS the 100 ms sampler saw since the last `resetSampledPeak()`. */
  sampledPeakRssBytes: number;
  cpuSeconds: number;
}

/**
 * The fetcher service started from dist/ as `npm start` runs it (JSON logs
 * to a file), with its memory and CPU read from /proc. bench/support's
 * ServiceProcess knows only parser and storage; this is its fetcher-sized
 * sibling, which also samples RSS per phase.
 */
export class FetcherProcess {
  private child?: ChildProcess;
  private logFile?: WriteStream;
  private sampler?: NodeJS.Timeout;
  private sampledPeakKb = 0;
  private usageSoFar: FetcherUsage = { peakRssBytes: 0, sampledPeakRssBytes: 0, cpuSeconds: 0 };
  private readonly counts = new Map<string, number>();
  private readonly watchers: { msg: string; resolve: () => void }[] = [];
  /** The last warn/error/fatal lines, to explain a failure without opening the log. */
  readonly problems: string[] = [];
  logPath = '';

  constructor(private readonly env: Record<string, string>) {}

  start(logDir: string, cwd: string): this {
    this.logPath = join(logDir, 'fetcher.log');
    this.logFile = createWriteStream(this.logPath);
    const inherited = { ...process.env };
    // The bench decides these; a developer's shell must not change what is measured.
    for (const name of [
      'NEWS_FEEDS',
      'FETCH_CONCURRENCY',
      'FETCH_PER_HOST_CONCURRENCY',
      'FETCH_HOST_DELAY_MS',
      'LOG_LEVEL',
    ])
      delete inherited[name];
    const child = spawn(process.execPath, [FETCHER_MAIN], {
      cwd,
      env: { ...inherited, LOG_PRETTY: 'false', KAFKAJS_NO_PARTITIONER_WARNING: '1', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      stream.pipe(this.logFile, { end: false });
      createInterface({ input: stream }).on('line', (line) => this.onLine(line));
    }
    this.sampler = setInterval(() => this.sample(), 100);
    this.sampler.unref();
    return this;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  count(msg: string): number {
    return this.counts.get(msg) ?? 0;
  }

  async logged(msg: string): Promise<void> {
    if (this.count(msg) > 0) return;
    await new Promise<void>((resolve) => this.watchers.push({ msg, resolve }));
  }

  usage(): FetcherUsage {
    this.sample();
    return this.usageSoFar;
  }

  /** Starts a new phase for the sampled peak (VmHWM cannot be reset from outside). */
  resetSampledPeak(): void {
    this.sampledPeakKb = 0;
  }

  /** SIGTERM, and SIGKILL after 20 s; says how it ended. */
  async stop(): Promise<string> {
    const child = this.child;
    if (!child) return 'not started';
    this.sample();
    if (this.sampler) clearInterval(this.sampler);
    if (this.running) {
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      });
    }
    await new Promise<void>((resolve) => (this.logFile ? this.logFile.end(resolve) : resolve()));
    return child.signalCode ? `signal ${child.signalCode}` : `code ${child.exitCode}`;
  }

  private sample(): void {
    const pid = this.child?.pid;
    if (pid === undefined || !this.running) return;
    const rss = statusKb(pid, 'VmRSS');
    if (rss !== null) this.sampledPeakKb = Math.max(this.sampledPeakKb, rss);
    this.usageSoFar = {
      peakRssBytes: (statusKb(pid, 'VmHWM') ?? this.usageSoFar.peakRssBytes / 1024) * 1024,
      sampledPeakRssBytes: this.sampledPeakKb * 1024,
      cpuSeconds: cpuSeconds(pid) ?? this.usageSoFar.cpuSeconds,
    };
  }

  private onLine(line: string): void {
    if (!line.startsWith('{')) {
      if (line.trim()) this.keepProblem(line);
      return;
    }
    let entry: { msg?: unknown; level?: unknown };
    try {
      entry = JSON.parse(line) as { msg?: unknown; level?: unknown };
    } catch {
      return;
    }
    const msg = typeof entry.msg === 'string' ? entry.msg : '';
    this.counts.set(msg, (this.counts.get(msg) ?? 0) + 1);
    // pino levels: 40 warn, 50 error, 60 fatal. Failing feeds warn by design: keep only what is not a feed poll.
    if (typeof entry.level === 'number' && entry.level >= 40 && msg !== 'feed poll failed')
      this.keepProblem(line);
    for (let i = this.watchers.length - 1; i >= 0; i--) {
      if (this.watchers[i]?.msg !== msg) continue;
      this.watchers[i]?.resolve();
      this.watchers.splice(i, 1);
    }
  }

  private keepProblem(line: string): void {
    this.problems.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
    if (this.problems.length > 20) this.problems.shift();
  }
}
