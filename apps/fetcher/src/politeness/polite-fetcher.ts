import type { FetchedResource, FetchLimits } from '@news/http-fetch';
import { Semaphore } from './semaphore.js';

/** What the poller needs of an HTTP client; HttpFetcher and PoliteFetcher both are one. */
export interface ResourceFetcher {
  fetch(url: string, limits: FetchLimits, headers?: Record<string, string>): Promise<FetchedResource>;
}

export interface PolitenessSettings {
  /** Requests in flight over all hosts (FETCH_CONCURRENCY). */
  globalConcurrency: number;
  /** Requests in flight to one host (FETCH_PER_HOST_CONCURRENCY). */
  perHostConcurrency: number;
  /** Least time between the starts of two requests to one host (FETCH_HOST_DELAY_MS). */
  hostDelayMs: number;
}

interface HostGate {
  slots: Semaphore;
  /** One request of the host at a time decides when it may start, so two never start within the delay. */
  starting: Semaphore;
  lastStart: number;
}

/**
 * Feed and page requests alike go through here, so that however many feeds
 * of one site are due at once, the site sees at most a few requests at a
 * time, spaced out. A request first takes a slot of its host, then waits for
 * the host's spacing, then takes a global slot: waiting on a busy host never
 * holds a global slot that requests to other hosts could use.
 */
export class PoliteFetcher implements ResourceFetcher {
  private readonly global: Semaphore;
  private readonly hosts = new Map<string, HostGate>();

  constructor(
    private readonly http: ResourceFetcher,
    private readonly settings: PolitenessSettings,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.global = new Semaphore(settings.globalConcurrency);
  }

  async fetch(url: string, limits: FetchLimits, headers?: Record<string, string>): Promise<FetchedResource> {
    const host = hostOf(url);
    const gate = this.gate(host);
    await gate.slots.acquire();
    try {
      await gate.starting.run(async () => {
        const wait = gate.lastStart + this.settings.hostDelayMs - this.now();
        if (wait > 0) await this.sleep(wait);
        await this.global.acquire();
        gate.lastStart = this.now();
      });
      try {
        return await this.http.fetch(url, limits, headers);
      } finally {
        this.global.release();
      }
    } finally {
      gate.slots.release();
      this.forgetIfIdle(host, gate);
    }
  }

  private gate(host: string): HostGate {
    let gate = this.hosts.get(host);
    if (!gate) {
      gate = {
        slots: new Semaphore(this.settings.perHostConcurrency),
        starting: new Semaphore(1),
        lastStart: -Infinity,
      };
      this.hosts.set(host, gate);
    }
    return gate;
  }

  /** Keeps the map small, but only once the spacing no longer matters. */
  private forgetIfIdle(host: string, gate: HostGate): void {
    if (gate.slots.idle && gate.starting.idle && this.now() - gate.lastStart >= this.settings.hostDelayMs) {
      this.hosts.delete(host);
    }
  }
}

/** The host a request goes to; an unparsable URL gets its own bucket and fails in the client. */
function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).hostname : url;
}
