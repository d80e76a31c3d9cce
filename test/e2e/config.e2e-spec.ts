import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function start(service: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [`dist/apps/${service}/src/main.js`], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('a service started with a bad setting', () => {
  it.each([
    [
      'fetcher',
      { FETCH_INTERVAL_SECONDS: 'often' },
      'fetcher: invalid FETCH_INTERVAL_SECONDS ("often"): expected a number',
    ],
    [
      'fetcher',
      { FETCHER_ALLOW_PRIVATE_NETWORKS: 'sure' },
      'fetcher: invalid FETCHER_ALLOW_PRIVATE_NETWORKS ("sure"): expected true or false',
    ],
    [
      'fetcher',
      { NEWS_FEEDS: 'ftp://example.com/rss' },
      'fetcher: invalid NEWS_FEEDS entry "ftp://example.com/rss": only http and https feeds are polled',
    ],
    [
      'parser',
      { KAFKA_BROKERS: 'nowhere' },
      'parser: invalid KAFKA_BROKERS ("nowhere"): expected host:port[,host:port…]',
    ],
    [
      'storage',
      { STORAGE_PORT: '70000' },
      'storage: invalid STORAGE_PORT ("70000"): expected a port number from 1 to 65535',
    ],
    [
      'storage',
      { STORAGE_READ_TIMEOUT_MS: '0' },
      'storage: invalid STORAGE_READ_TIMEOUT_MS ("0"): expected a positive number',
    ],
    [
      'storage',
      { DATABASE_URL: 'mysql://root:hunter2@db/news' },
      'storage: invalid DATABASE_URL ("mysql://root:***@db/news"): expected postgres://user@host:port/database',
    ],
  ])(
    '%s stops with one line naming the variable: %j',
    (service, env, message) => {
      const result = start(service, env);
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(`${message}\n`);
    },
    30_000,
  );
});
