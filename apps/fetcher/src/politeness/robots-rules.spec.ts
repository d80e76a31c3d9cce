import { describe, expect, it } from '@jest/globals';
import { FetchError } from '@news/http-fetch';
import {
  robotsFileFromBody,
  robotsFileFromError,
  robotsUrlFor,
  robotsVerdict,
  userAgentToken,
} from './robots-rules.js';

const UA =
  'NewsIngestionBot/0.1 (+https://github.com/news-ingestion/news-ingestion; automated news ingestion)';
const ROBOTS = `
User-agent: *
Disallow: /private/

User-agent: NewsIngestionBot
Disallow: /members/
Allow: /members/open/
`;

describe('robots.txt decisions', () => {
  const file = robotsFileFromBody('https://news.example/robots.txt', ROBOTS);

  it('obeys the group of our product token, not the * group', () => {
    expect(robotsVerdict(file, 'https://news.example/members/42', UA)).toEqual({
      allowed: false,
      permanent: true,
      reason: 'robots.txt disallows',
    });
    expect(robotsVerdict(file, 'https://news.example/members/open/1', UA)).toEqual({ allowed: true });
    expect(robotsVerdict(file, 'https://news.example/private/1', UA)).toEqual({ allowed: true });
  });

  it('falls back to the * group for another agent', () => {
    expect(robotsVerdict(file, 'https://news.example/private/1', 'OtherBot/2.0')).toMatchObject({
      allowed: false,
    });
  });

  it('does not judge pages of another host', () => {
    expect(robotsVerdict(file, 'https://other.example/members/42', UA)).toEqual({ allowed: true });
  });

  it('allows everything when the site has no robots.txt (4xx)', () => {
    const missing = robotsFileFromError(new FetchError('http-status', 'u', 'HTTP 404', 404));
    expect(missing.kind).toBe('allow-all');
    expect(robotsVerdict(missing, 'https://news.example/members/1', UA)).toEqual({ allowed: true });
    expect(robotsFileFromError(new FetchError('http-status', 'u', 'HTTP 403', 403)).kind).toBe('allow-all');
  });

  it.each([
    ['a 5xx', new FetchError('http-status', 'u', 'HTTP 503', 503)],
    ['a 429', new FetchError('http-status', 'u', 'HTTP 429', 429)],
    ['a timeout', new FetchError('timeout', 'u', 'timed out')],
    ['a network error', new FetchError('network', 'u', 'ECONNRESET')],
  ])('holds pages back for now after %s (RFC 9309: unreachable means disallow)', (_what, error) => {
    const file = robotsFileFromError(error);
    expect(file.kind).toBe('unavailable');
    expect(robotsVerdict(file, 'https://news.example/a', UA)).toMatchObject({
      allowed: false,
      permanent: false,
    });
  });

  it('allows everything when robots.txt is over the size limit', () => {
    expect(robotsFileFromError(new FetchError('too-large', 'u', 'too big')).kind).toBe('allow-all');
  });

  it('finds robots.txt at the root of the scheme, host and port', () => {
    expect(robotsUrlFor('https://news.example:8443/a/b?c=d')).toBe('https://news.example:8443/robots.txt');
  });

  it.each([
    [UA, 'NewsIngestionBot'],
    ['SimpleBot', 'SimpleBot'],
    ['Bot (+https://x.example)', 'Bot'],
  ])('matches groups by the product token of %s', (ua, token) => {
    expect(userAgentToken(ua)).toBe(token);
  });
});
