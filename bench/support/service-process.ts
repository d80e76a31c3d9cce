import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './paths.js';

export type ServiceName = 'fetcher' | 'parser' | 'storage';

export interface ServiceProcessOptions {
  /** Variables of the bench's own environment the service must not inherit: the bench decides them. */
  unsetEnv?: readonly string[];
  /** Warning messages that are expected (e.g. a failing feed's), not kept among `problems`. */
  expectedWarnings?: readonly string[];
}

export interface ProcessUsage {
  /** Peak resident set size over the process's life (VmHWM), in bytes. */
  peakRssBytes: number;
  /**
   * Largest VmRSS seen by the 100 ms sampler since start or `resetSampledPeak()`: a phase's peak,
   * and the fallback when the process died before VmHWM could be read.
   */
  sampledMaxRssBytes: number;
  /** User + system CPU time, in seconds. */
  cpuSeconds: number;
}

/** Linux reports CPU time in clock ticks; 100 per second on every mainstream kernel config. */
const CLOCK_TICKS_PER_SECOND = 100;

function readStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function readCpuSeconds(pid: number): number | null {
  try {
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the whole line.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * One service started from dist/ the way `npm start` runs it (JSON logs), its
 * log kept in a file, and its memory and CPU read from /proc. test/support has
 * the same idea but is not compiled into dist/, hence this copy.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private logFile?: WriteStream;
  private sampler?: NodeJS.Timeout;
  private sampledMaxRssKb = 0;
  private lastUsage: ProcessUsage = { peakRssBytes: 0, sampledMaxRssBytes: 0, cpuSeconds: 0 };
  private readonly messageCounts = new Map<string, number>();
  private readonly keysByMessage = new Map<string, string[]>();
  private readonly watchers: { msg: string; resolve: () => void }[] = [];
  /** The last few warn/error/fatal lines, to explain a failure without opening the log. */
  readonly problems: string[] = [];
  logPath = '';

  constructor(
    readonly name: ServiceName,
    private readonly env: Record<string, string>,
    private readonly options: ServiceProcessOptions = {},
  ) {}

  start(logDir: string, cwd = REPO_ROOT): this {
    this.logPath = join(logDir, `${this.name}.log`);
    this.logFile = createWriteStream(this.logPath);
    const inherited = { ...process.env };
    for (const name of this.options.unsetEnv ?? []) delete inherited[name];
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'apps', this.name, 'src', 'main.js')], {
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

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** How many JSON log lines carried this `msg`. */
  count(msg: string): number {
    return this.messageCounts.get(msg) ?? 0;
  }

  /** The `key` fields of the log lines with this `msg`, e.g. which messages were dead-lettered. */
  keys(msg: string): readonly string[] {
    return this.keysByMessage.get(msg) ?? [];
  }

  /** Resolves at the first log line with this `msg` (at once if there already was one). */
  async logged(msg: string): Promise<void> {
    if (this.count(msg) > 0) return;
    await new Promise<void>((resolve) => this.watchers.push({ msg, resolve }));
  }

  /** Memory and CPU as of now (or as last seen, once the process has exited). */
  usage(): ProcessUsage {
    this.sample();
    return this.lastUsage;
  }

  /** Starts a new phase for `sampledMaxRssBytes` (VmHWM cannot be reset from outside). */
  resetSampledPeak(): void {
    this.sampledMaxRssKb = 0;
  }

  /**
   * Sends `signal` and waits for the exit (SIGKILL after 20 s). Returns how it
   * ended: Nest closes the app on SIGTERM and then re-raises the signal, so a
   * clean stop reads "signal SIGTERM", not "code 0".
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<string> {
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
        child.kill(signal);
      });
    }
    await new Promise<void>((resolve) => (this.logFile ? this.logFile.end(resolve) : resolve()));
    return child.signalCode ? `signal ${child.signalCode}` : `code ${child.exitCode}`;
  }

  private sample(): void {
    const pid = this.child?.pid;
    if (pid === undefined || !this.running) return;
    const rss = readStatusKb(pid, 'VmRSS');
    if (rss !== null) this.sampledMaxRssKb = Math.max(this.sampledMaxRssKb, rss);
    const hwm = readStatusKb(pid, 'VmHWM');
    const cpu = readCpuSeconds(pid);
    this.lastUsage = {
      peakRssBytes: (hwm ?? this.sampledMaxRssKb) * 1024,
      sampledMaxRssBytes: this.sampledMaxRssKb * 1024,
      cpuSeconds: cpu ?? this.lastUsage.cpuSeconds,
    };
  }

  private onLine(line: string): void {
    if (!line.startsWith('{')) {
      if (line.trim()) this.keepProblem(line);
      return;
    }
    let entry: { msg?: unknown; level?: unknown; key?: unknown };
    try {
      entry = JSON.parse(line) as { msg?: unknown; level?: unknown; key?: unknown };
    } catch {
      return;
    }
    const msg = typeof entry.msg === 'string' ? entry.msg : '';
    this.messageCounts.set(msg, (this.messageCounts.get(msg) ?? 0) + 1);
    if (typeof entry.key === 'string') {
      const keys = this.keysByMessage.get(msg) ?? [];
      keys.push(entry.key);
      this.keysByMessage.set(msg, keys);
    }
    // pino levels: 40 warn, 50 error, 60 fatal.
    const expected = this.options.expectedWarnings?.includes(msg) ?? false;
    if (typeof entry.level === 'number' && entry.level >= 40 && !expected) this.keepProblem(line);
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
