import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ensureDatabase } from '@news/runtime';
import { DataSource } from 'typeorm';
import type { PollResult } from '../src/polling/feed-poller.service.js';
import { PollScheduler } from '../src/polling/poll-scheduler.js';
import { fetcherDataSourceOptions } from '../src/state/data-source-options.js';
import { FeedRepository } from '../src/state/feed.repository.js';
import { TestDatabase } from '../../../test/support/database.js';
import { captureLogger } from '../../../test/support/logger.js';
import { waitFor } from '../../../test/support/wait.js';

const NOW = new Date('2026-11-27T10:00:00.000Z');
const LEASE_SECONDS = 60;
const HOSTS = ['a.example', 'b.example', 'c.example'] as const;
const FEEDS_PER_HOST = 10;

/** Feed `n` of `host`; its number also orders it: feed 0 is the most overdue of its host. */
const feedUrl = (host: string, n: number) => `https://${host}/feeds/${String(n).padStart(2, '0')}`;
const hostOf = (url: string) => new URL(url).hostname;
const countByHost = (urls: string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const url of urls) counts[hostOf(url)] = (counts[hostOf(url)] ?? 0) + 1;
  return counts;
};

/**
 * Claiming spread over hosts, on real PostgreSQL: three hosts with ten due
 * feeds each, claimed by `FeedRepository.claimDue` as several instances
 * would, then a running scheduler refilling its slots as polls end.
 */
describe('claims spread over hosts, on real PostgreSQL', () => {
  const db = new TestDatabase();
  let dataSource: DataSource;
  let feeds: FeedRepository;
  const log = captureLogger();

  beforeAll(async () => {
    await ensureDatabase(db.url);
    dataSource = await new DataSource(fetcherDataSourceOptions(db.url)).initialize();
    feeds = new FeedRepository(dataSource);
  }, 60_000);

  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  }, 60_000);

  /** Thirty due feeds, no lease; in each host, feed n is n minutes overdue less than feed 0. */
  beforeEach(async () => {
    await dataSource.query('DELETE FROM fetcher_feeds');
    const urls = HOSTS.flatMap((host) => Array.from({ length: FEEDS_PER_HOST }, (_, n) => feedUrl(host, n)));
    await feeds.sync(urls, 3600);
    await dataSource.query(
      `UPDATE fetcher_feeds
       SET next_poll_at = $1::timestamptz - interval '1 hour' + (substring(url FROM '(\\d+)$')::int * interval '1 minute')`,
      [NOW],
    );
  });

  it('derives the host of every feed in SQL, as the politeness gates name it', async () => {
    await feeds.ensure('https://User:secret@WWW.Example.org:8443/rss?x=1', 3600);
    await feeds.ensure('http://[::1]:8080/atom', 3600);
    const rows: { host: string }[] = await dataSource.query(
      'SELECT host FROM fetcher_feeds WHERE url = ANY($1::text[]) ORDER BY host',
      [['https://User:secret@WWW.Example.org:8443/rss?x=1', 'http://[::1]:8080/atom']],
    );
    expect(rows.map((r) => r.host)).toEqual(['[::1]', 'www.example.org']);
  });

  it('takes the first place of every host before a second one, most overdue first within a host', async () => {
    const claimed = await feeds.claimDue(NOW, 6, 'instance-a', LEASE_SECONDS);
    expect(claimed.sort()).toEqual(HOSTS.flatMap((host) => [feedUrl(host, 0), feedUrl(host, 1)]).sort());
  });

  it('goes round the hosts even when one host holds the most overdue feeds', async () => {
    // Every feed of a.example is a day overdue, the others only an hour.
    await dataSource.query(
      `UPDATE fetcher_feeds SET next_poll_at = next_poll_at - interval '1 day' WHERE url LIKE 'https://a.example/%'`,
    );
    const claimed = await feeds.claimDue(NOW, 3, 'instance-a', LEASE_SECONDS);
    expect(countByHost(claimed)).toEqual({ 'a.example': 1, 'b.example': 1, 'c.example': 1 });
  });

  it('never leases more feeds of a host than the per-host limit, over all instances', async () => {
    const first = await feeds.claimDue(NOW, 100, 'instance-a', LEASE_SECONDS, 2);
    expect(countByHost(first)).toEqual({ 'a.example': 2, 'b.example': 2, 'c.example': 2 });
    // Another instance finds every host at its limit while those leases run.
    expect(await feeds.claimDue(NOW, 100, 'instance-b', LEASE_SECONDS, 2)).toEqual([]);

    // One poll of a.example ends (not due again for an hour): exactly one more feed of that host may go,
    // the next most overdue.
    await dataSource.query(`UPDATE fetcher_feeds SET next_poll_at = $2 WHERE url = $1`, [
      feedUrl('a.example', 0),
      new Date(NOW.getTime() + 3_600_000),
    ]);
    await feeds.releaseLease(feedUrl('a.example', 0), 'instance-a');
    expect(await feeds.claimDue(NOW, 100, 'instance-b', LEASE_SECONDS, 2)).toEqual([feedUrl('a.example', 2)]);
  });

  it('does not count leases that ran out against their host', async () => {
    const dead = await feeds.claimDue(NOW, 100, 'instance-dead', LEASE_SECONDS, 2);
    expect(dead).toHaveLength(6);
    const later = new Date(NOW.getTime() + (LEASE_SECONDS + 1) * 1000);
    const taken = await feeds.claimDue(later, 100, 'instance-b', LEASE_SECONDS, 2);
    // The dead instance's feeds are claimable again, and its expired leases take no place of their host.
    expect(countByHost(taken)).toEqual({ 'a.example': 2, 'b.example': 2, 'c.example': 2 });
    expect(taken.sort()).toEqual(dead.sort());
  });

  it('refills a slot as soon as a poll ends, without waiting for the next tick', async () => {
    const polled: string[] = [];
    const scheduler = new PollScheduler(
      {
        poll: async (url): Promise<PollResult> => {
          polled.push(url);
          // Polled once, the feed is due again only in an hour.
          await dataSource.query(`UPDATE fetcher_feeds SET next_poll_at = $2 WHERE url = $1`, [
            url,
            new Date(NOW.getTime() + 3_600_000),
          ]);
          return {
            feedUrl: url,
            outcome: 'not-modified',
            httpStatus: 304,
            newItems: 0,
            published: 0,
            failed: 0,
            error: null,
            nextPollAt: NOW,
          };
        },
      },
      feeds,
      1,
      log.logger,
      // One slot and one tick at start: every poll after the first was started by a refill.
      {
        tickMs: 3_600_000,
        clock: () => NOW,
        owner: 'instance-a',
        leaseSeconds: LEASE_SECONDS,
        refillDelayMs: 0,
      },
    );
    scheduler.start();
    try {
      await waitFor('every feed polled', async () =>
        polled.length >= HOSTS.length * FEEDS_PER_HOST ? true : undefined,
      );
    } finally {
      await scheduler.stop();
    }
    expect(polled).toHaveLength(HOSTS.length * FEEDS_PER_HOST);
    expect(new Set(polled).size).toBe(HOSTS.length * FEEDS_PER_HOST);
    // One slot, claims going round the hosts: the three hosts take turns.
    expect(polled.slice(0, 6).map(hostOf)).toEqual([...HOSTS, ...HOSTS]);
  }, 60_000);
});
