import { FetchError } from '@news/http-fetch';
import robotsParserModule from 'robots-parser';

// A CommonJS module whose typings declare an ES default export: at run time
// the default import is the parser function itself.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
type RobotsRules = ReturnType<typeof robotsParser>;

/** What a host's robots.txt turned out to be, as far as deciding on its pages goes. */
export type RobotsFile =
  /** A robots.txt was read (2xx): its rules decide. */
  | { kind: 'rules'; rules: RobotsRules }
  /** There is none to obey (4xx, too large, redirect loop…): every page may be fetched. */
  | { kind: 'allow-all'; reason: string }
  /** The server failed to answer (5xx, 429, timeout, network): no page for now, try again later. */
  | { kind: 'unavailable'; reason: string };

export type RobotsVerdict =
  | { allowed: true }
  /** `permanent`: the rules forbid the page; otherwise robots.txt could not be read and the page waits. */
  | { allowed: false; permanent: boolean; reason: string };

/** Where the robots.txt governing `pageUrl` lives: the root of its scheme, host and port. */
export function robotsUrlFor(pageUrl: string): string {
  return new URL('/robots.txt', pageUrl).toString();
}

/**
 * The product token robots.txt groups are matched against: `NewsIngestionBot`
 * of `NewsIngestionBot/0.1 (+https://…)`, as RFC 9309 §2.2.1 asks.
 */
export function userAgentToken(userAgent: string): string {
  return /^[^\s/]+/.exec(userAgent.trim())?.[0] ?? '*';
}

/** A robots.txt that was read. */
export function robotsFileFromBody(robotsUrl: string, text: string): RobotsFile {
  return { kind: 'rules', rules: robotsParser(robotsUrl, text) };
}

/**
 * A robots.txt that could not be read. RFC 9309 §2.3.1.3–4, which is also
 * Google's rule: a 4xx means there are no rules (allow all), while a server
 * error or no answer means the rules are unknown, so the site is treated as
 * disallowing everything until it answers again — an overloaded site is
 * spared our page requests. 429 asks us to slow down: treated as a server
 * error. Other failures of our own client (too large, too many redirects, a
 * refused address) say nothing of the rules: allow, and let the page request
 * meet the same guard.
 */
export function robotsFileFromError(error: unknown): RobotsFile {
  const reason = error instanceof Error ? error.message : String(error);
  if (!(error instanceof FetchError)) return { kind: 'unavailable', reason };
  if (error.kind === 'http-status') {
    const status = error.status ?? 0;
    if (status >= 400 && status < 500 && status !== 429) return { kind: 'allow-all', reason };
    return { kind: 'unavailable', reason };
  }
  if (error.kind === 'timeout' || error.kind === 'network') return { kind: 'unavailable', reason };
  return { kind: 'allow-all', reason };
}

/** Whether `pageUrl` may be fetched by `userAgent` under `file`. */
export function robotsVerdict(file: RobotsFile, pageUrl: string, userAgent: string): RobotsVerdict {
  if (file.kind === 'allow-all') return { allowed: true };
  if (file.kind === 'unavailable') {
    return {
      allowed: false,
      permanent: false,
      reason: `robots.txt unavailable, retried later: ${file.reason}`,
    };
  }
  // `undefined` means the URL is not under this robots.txt: not ours to judge.
  if (file.rules.isAllowed(pageUrl, userAgentToken(userAgent)) === false) {
    return { allowed: false, permanent: true, reason: 'robots.txt disallows' };
  }
  return { allowed: true };
}
