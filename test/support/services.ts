import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const LOG_DIR = `${ROOT}test-results/logs`;

/**
 * One service process started from the build in dist/, as `npm start` runs
 * it, with its log kept for assertions and copied to test-results/logs/ for
 * whoever has to find out why a test failed.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  log = '';

  constructor(
    readonly name: 'fetcher' | 'parser' | 'storage',
    private readonly env: Record<string, string>,
  ) {}

  start(): this {
    this.child = spawn(process.execPath, [`dist/apps/${this.name}/src/main.js`], {
      cwd: ROOT,
      env: { ...process.env, LOG_PRETTY: 'false', KAFKAJS_NO_PARTITIONER_WARNING: '1', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    mkdirSync(LOG_DIR, { recursive: true });
    const file = `${LOG_DIR}/${this.name}-${this.child.pid}.log`;
    const keep = (chunk: Buffer): void => {
      this.log += chunk.toString();
      appendFileSync(file, chunk);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    return this;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Log lines (pino JSON) whose message matches. */
  lines(msg: string): Record<string, unknown>[] {
    return this.log
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === msg);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.child;
    if (!child || !this.running) return child?.exitCode ?? null;
    return new Promise((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', (code) => {
        clearTimeout(force);
        resolve(code);
      });
      child.kill(signal);
    });
  }
}
