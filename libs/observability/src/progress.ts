import type { Logger } from 'pino';
import { Counter, Registry } from 'prom-client';

/**
 * Named counters kept in a Prometheus registry (so `/metrics` can serve them)
 * and summarized in one progress log line at a fixed interval, for people
 * watching `npm start`.
 */
export class ProgressCounters<Name extends string> {
  readonly registry = new Registry();
  private readonly counters = new Map<Name, Counter>();
  private readonly lastLogged = new Map<Name, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly service: string,
    names: readonly Name[],
  ) {
    for (const name of names) {
      this.counters.set(
        name,
        new Counter({
          name: `news_${service}_${name.replaceAll('-', '_')}_total`,
          help: `${service}: ${name}`,
          registers: [this.registry],
        }),
      );
    }
  }

  inc(name: Name, by = 1): void {
    this.counters.get(name)?.inc(by);
  }

  async value(name: Name): Promise<number> {
    const metric = await this.counters.get(name)?.get();
    return metric?.values[0]?.value ?? 0;
  }

  async snapshot(): Promise<Record<Name, number>> {
    const entries = await Promise.all([...this.counters.keys()].map(async (n) => [n, await this.value(n)]));
    return Object.fromEntries(entries) as Record<Name, number>;
  }

  /** Logs the totals and what changed since the last line, only when something changed. */
  startReporting(logger: Logger, everyMs: number): void {
    this.timer = setInterval(() => void this.report(logger), everyMs);
    this.timer.unref();
  }

  stopReporting(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async report(logger: Logger): Promise<void> {
    const totals = await this.snapshot();
    const changed = (Object.keys(totals) as Name[]).some((n) => totals[n] !== (this.lastLogged.get(n) ?? 0));
    if (!changed) return;
    for (const n of Object.keys(totals) as Name[]) this.lastLogged.set(n, totals[n]);
    logger.info({ progress: totals }, `${this.service} progress`);
  }
}
