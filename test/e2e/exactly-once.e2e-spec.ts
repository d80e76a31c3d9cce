import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { TOPICS, type RawArticleEvent } from '@news/contracts';
import { articleIdFor } from '@news/extraction';
import { KAFKA_BROKERS, uniqueName } from '../support/env.js';
import {
  createPipelineTopics,
  groupCaughtUp,
  produceRaw,
  recordTopic,
  startGroupAtEnd,
} from '../support/kafka.js';
import { freePort } from '../support/fixture-server.js';
import { ServiceProcess } from '../support/services.js';
import { waitFor } from '../support/wait.js';

const seedPage = readFileSync(new URL('fixtures/ilna-seed.html', import.meta.url), 'utf8');
const COUNT = 300;

/** The seed page under its own canonical URL, so that each event is a distinct article. */
function rawEvent(run: string, n: number): RawArticleEvent {
  const url = `https://www.ilna.ir/news/${run}-${n}/`;
  return {
    id: `${run}-${n}`,
    feedUrl: 'https://www.ilna.ir/rss',
    item: {
      guid: null,
      title: null,
      link: url,
      summary: null,
      author: null,
      categories: [],
      publishedAt: null,
    },
    requestedUrl: url,
    finalUrl: url,
    httpStatus: 200,
    contentType: 'text/html; charset=utf-8',
    charset: 'UTF-8',
    fetchedAt: new Date().toISOString(),
    html: seedPage.replaceAll('https://www.ilna.ir/news/1700000/', url),
  };
}

describe('the parser in exactly-once mode, killed mid-batch', () => {
  const processes: ServiceProcess[] = [];

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
  });

  it('lets a read_committed consumer see every article exactly once', async () => {
    await createPipelineTopics();
    const run = uniqueName('eos');
    const group = uniqueName('parser');
    const env = {
      PARSER_PORT: String(await freePort()),
      KAFKA_BROKERS,
      PARSER_GROUP_ID: group,
      PARSER_TRANSACTIONAL_ID: `${run}-tx`,
      PARSER_DELIVERY: 'exactly-once',
    };
    await startGroupAtEnd(group, [TOPICS.rawArticles]);
    // kafkajs consumers read committed records only unless told otherwise: this is the read_committed view.
    const articles = await recordTopic(TOPICS.articles);
    try {
      const events = Array.from({ length: COUNT }, (_, n) => rawEvent(run, n));
      const ours = new Set(events.map((e) => articleIdFor(e.finalUrl)));
      const seen = () => articles.messages.filter((m) => m.key !== null && ours.has(m.key));
      for (let i = 0; i < COUNT; i += 50) {
        await produceRaw(
          TOPICS.rawArticles,
          events.slice(i, i + 50).map((e) => ({ key: e.id, value: JSON.stringify(e) })),
        );
      }

      const first = new ServiceProcess('parser', env).start();
      processes.push(first);
      await waitFor(
        'the first committed articles',
        async () => (seen().length >= 20 ? true : undefined),
        90_000,
      );
      await first.stop('SIGKILL');
      const committedAtKill = seen().length;

      const second = new ServiceProcess('parser', env).start();
      processes.push(second);
      await waitFor(
        'every article',
        async () => (new Set(seen().map((m) => m.key)).size === COUNT ? true : undefined),
        180_000,
      );
      await waitFor('the group caught up', async () =>
        (await groupCaughtUp(group, TOPICS.rawArticles)) ? true : undefined,
      );

      expect(committedAtKill).toBeLessThan(COUNT);
      const perArticle = new Map<string, number>();
      for (const m of seen()) perArticle.set(m.key as string, (perArticle.get(m.key as string) ?? 0) + 1);
      expect([...perArticle.values()].filter((n) => n !== 1)).toEqual([]);
      expect(perArticle.size).toBe(COUNT);
    } finally {
      await articles.stop();
    }
  }, 300_000);
});
