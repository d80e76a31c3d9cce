import { describe, expect, it } from '@jest/globals';
import { FetchError, type FetchedResource } from '@news/http-fetch';
import { pino } from 'pino';
import type { ResourceFetcher } from './polite-fetcher.js';
import { RobotsPolicy } from './robots-policy.js';

const logger = pino({ level: 'silent' });
const LIMITS = { maxBytes: 512 * 1024, timeoutMs: 1000 };

/** A client answering robots.txt requests from a table, counting them. */
class RobotsServer implements ResourceFetcher {
  readonly requested: string[] = [];
  constructor(public answer: (url: string) => string | FetchError) {}

  async fetch(url: string): Promise<FetchedResource> {
    this.requested.push(url);
    await new Promise((r) => setImmediate(r));
    const answer = this.answer(url);
    if (answer instanceof FetchError) throw answer;
    return {
      requestedUrl: url,
      finalUrl: url,
      status: 200,
      contentType: 'text/plain',
      headers: {},
      body: Buffer.from(answer),
    };
  }
}

describe('RobotsPolicy', () => {
  const settings = { userAgent: 'TestBot/1.0', limits: LIMITS, ttlSeconds: 3600, errorTtlSeconds: 600 };

  it('reads robots.txt once per host while it is fresh, concurrent checks sharing the request', async () => {
    const server = new RobotsServer(() => 'User-agent: *\nDisallow: /no/');
    let now = 0;
    const policy = new RobotsPolicy(server, settings, logger, () => now);
    const verdicts = await Promise.all([
      policy.check('https://a.example/yes/1'),
      policy.check('https://a.example/no/2'),
      policy.check('https://b.example/no/3'),
    ]);
    expect(verdicts.map((v) => v.allowed)).toEqual([true, false, false]);
    expect(server.requested).toEqual(['https://a.example/robots.txt', 'https://b.example/robots.txt']);
    now += 3599 * 1000;
    await policy.check('https://a.example/yes/4');
    expect(server.requested).toHaveLength(2);
    now += 2000;
    await policy.check('https://a.example/yes/5');
    expect(server.requested).toEqual([
      'https://a.example/robots.txt',
      'https://b.example/robots.txt',
      'https://a.example/robots.txt',
    ]);
  });

  it('asks again sooner after a server error, and then follows the rules it gets', async () => {
    const server = new RobotsServer(() => new FetchError('http-status', 'u', 'HTTP 503', 503));
    let now = 0;
    const policy = new RobotsPolicy(server, settings, logger, () => now);
    expect(await policy.check('https://a.example/page')).toMatchObject({ allowed: false, permanent: false });
    server.answer = () => 'User-agent: *\nAllow: /';
    now += 601 * 1000;
    expect(await policy.check('https://a.example/page')).toEqual({ allowed: true });
    expect(server.requested).toHaveLength(2);
  });
});
