import type { FetchLimits } from '@news/http-fetch';
import type { Logger } from '@news/observability';
import type { ResourceFetcher } from './polite-fetcher.js';
import {
  robotsFileFromBody,
  robotsFileFromError,
  robotsUrlFor,
  robotsVerdict,
  type RobotsFile,
  type RobotsVerdict,
} from './robots-rules.js';

export interface RobotsSettings {
  /** The full User-Agent we send; its product token is what robots.txt groups are matched against. */
  userAgent: string;
  limits: FetchLimits;
  /** How long a host's robots.txt (or its absence) is trusted. */
  ttlSeconds: number;
  /** How soon a robots.txt that could not be read is asked for again. */
  errorTtlSeconds: number;
}

/** What the page publisher asks before fetching an article page. */
export interface RobotsChecker {
  check(pageUrl: string): Promise<RobotsVerdict>;
}

/** Every page is allowed: FETCH_RESPECT_ROBOTS=false. */
export const IGNORE_ROBOTS: RobotsChecker = { check: async () => ({ allowed: true }) };

interface CacheEntry {
  file: Promise<RobotsFile>;
  expiresAt: number;
}

/** Past this many hosts, expired entries are swept on the next miss. */
const SWEEP_AT = 1000;

/**
 * robots.txt per host, read through the guarded (and polite) HTTP client and
 * cached: one request per host and TTL however many of its pages are due,
 * concurrent checks of one host sharing that request.
 */
export class RobotsPolicy implements RobotsChecker {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly http: ResourceFetcher,
    private readonly settings: RobotsSettings,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async check(pageUrl: string): Promise<RobotsVerdict> {
    if (!URL.canParse(pageUrl)) return { allowed: true }; // the page request reports the bad URL
    const file = await this.fileFor(robotsUrlFor(pageUrl));
    return robotsVerdict(file, pageUrl, this.settings.userAgent);
  }

  private fileFor(robotsUrl: string): Promise<RobotsFile> {
    const cached = this.cache.get(robotsUrl);
    if (cached && cached.expiresAt > this.now()) return cached.file;
    if (this.cache.size >= SWEEP_AT) this.sweep();
    const entry: CacheEntry = { file: this.read(robotsUrl), expiresAt: Infinity };
    this.cache.set(robotsUrl, entry);
    // The entry lives from when the answer came, for as long as that kind of answer deserves.
    void entry.file.then((file) => {
      const ttl = file.kind === 'unavailable' ? this.settings.errorTtlSeconds : this.settings.ttlSeconds;
      entry.expiresAt = this.now() + ttl * 1000;
    });
    return entry.file;
  }

  private async read(robotsUrl: string): Promise<RobotsFile> {
    try {
      const response = await this.http.fetch(robotsUrl, this.settings.limits, { accept: 'text/plain' });
      // RFC 9309: the file is UTF-8, and after redirects it still governs the host it was asked of.
      return robotsFileFromBody(robotsUrl, response.body.toString('utf8'));
    } catch (error) {
      const file = robotsFileFromError(error);
      this.logger.info(
        { url: robotsUrl, outcome: file.kind, reason: (error as Error).message },
        'robots.txt not read',
      );
      return file;
    }
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.cache) if (entry.expiresAt <= now) this.cache.delete(key);
  }
}
