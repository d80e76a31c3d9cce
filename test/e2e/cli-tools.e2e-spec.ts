import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { deadLetterTopic, TOPICS, type RawArticleEvent } from '@news/contracts';
import { connectProducer, sendToDeadLetter } from '@news/messaging';
import type { KafkaMessage, Producer } from 'kafkajs';
import { KAFKA_BROKERS, uniqueName } from '../support/env.js';
import { createPipelineTopics, kafka, produceRaw, recordTopic } from '../support/kafka.js';
import { waitFor } from '../support/wait.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** The built CLI, as `npm run cli` runs it. */
async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['dist/apps/cli/src/main.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, KAFKA_BROKERS, KAFKAJS_NO_PARTITIONER_WARNING: '1' },
    timeout: 90_000,
  });
  return stdout;
}

const seedPage = readFileSync(new URL('fixtures/ilna-seed.html', import.meta.url), 'utf8');

describe('command-line tools on the real broker', () => {
  let producer: Producer;

  beforeAll(async () => {
    await createPipelineTopics();
    producer = await connectProducer(kafka);
  }, 60_000);

  afterAll(async () => {
    await producer.disconnect();
  });

  it('lists a dead letter with its reason, and replays it unchanged to its source topic', async () => {
    const key = uniqueName('dead');
    const original = {
      key: Buffer.from(key),
      value: Buffer.from('{"broken":'),
      offset: '41',
      headers: { ce_type: 'ir.news.article.fetched.v1' },
    } as unknown as KafkaMessage;
    await sendToDeadLetter(producer, {
      topic: TOPICS.rawArticles,
      partition: 3,
      message: original,
      reason: 'value is not JSON',
    });

    const listed = (await cli('dlq', 'list')).split('\n').find((line) => line.includes(`key=${key}`));
    expect(listed).toContain(`from=${TOPICS.rawArticles}@3:41`);
    expect(listed).toContain('reason=value is not JSON');

    const offset = /^\d+:(\d+)/.exec(listed ?? '')?.[1] as string;
    const raw = await recordTopic(TOPICS.rawArticles);
    try {
      expect(await cli('dlq', 'replay', '--offset', offset)).toContain('replayed 1 dead letter(s)');
      await waitUntil(() => raw.messages.some((m) => m.key === key));
      const replayed = raw.messages.find((m) => m.key === key);
      expect(replayed?.value).toBe('{"broken":');
      expect(replayed?.headers.ce_type).toBe('ir.news.article.fetched.v1');
      expect(Object.keys(replayed?.headers ?? {}).some((h) => h.startsWith('dlq_'))).toBe(false);
    } finally {
      await raw.stop();
    }
  }, 120_000);

  it('re-parses raw articles fetched since a time and publishes them again', async () => {
    const articles = await recordTopic(TOPICS.articles);
    try {
      const since = new Date(Date.now() - 1000).toISOString();
      const id = uniqueName('raw');
      const event: RawArticleEvent = {
        id,
        feedUrl: 'https://www.ilna.ir/rss',
        item: {
          guid: null,
          title: null,
          link: 'https://www.ilna.ir/news/1700000/',
          summary: null,
          author: null,
          categories: [],
          publishedAt: null,
        },
        requestedUrl: 'https://www.ilna.ir/news/1700000/',
        finalUrl: 'https://www.ilna.ir/news/1700000/',
        httpStatus: 200,
        contentType: 'text/html; charset=utf-8',
        charset: 'UTF-8',
        fetchedAt: new Date().toISOString(),
        html: seedPage,
      };
      await produceRaw(TOPICS.rawArticles, [{ key: id, value: JSON.stringify(event) }]);
      const out = await cli('reparse', '--since', since);
      expect(out).toMatch(/re-parsed \d+ raw article\(s\).*[1-9]\d* published/);
      await waitUntil(() => articles.messages.some((m) => m.value?.includes('تلاش\u200cهای بدخواهان')));
    } finally {
      await articles.stop();
    }
  }, 120_000);

  it('tails news.articles.v1 with one line per article, filtered by source, until interrupted', async () => {
    const child = spawn(process.execPath, ['dist/apps/cli/src/main.js', 'tail', '--source', 'ilna'], {
      cwd: ROOT,
      env: { ...process.env, KAFKA_BROKERS, KAFKAJS_NO_PARTITIONER_WARNING: '1' },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      // The tail joins its group before it sees anything: keep publishing until a line shows.
      const title = uniqueName('عنوان');
      const article = {
        id: 'f'.repeat(32),
        source: { id: 'ilna', name: 'ایلنا', domain: 'ilna.ir' },
        title,
        publishedAt: '2025-09-22T17:00:00.000Z',
        tags: ['کارگران'],
      };
      const other = {
        ...article,
        source: { id: 'elsewhere', name: 'x', domain: 'x.org' },
        title: `${title}-other`,
      };
      await waitFor('a tailed line', async () => {
        await produceRaw(TOPICS.articles, [
          { key: article.id, value: JSON.stringify(other) },
          { key: article.id, value: JSON.stringify(article) },
        ]);
        return out.includes(title) ? true : undefined;
      });
      expect(out).toContain(`2025-09-22T17:00:00.000Z  [ilna]  ${title}  #کارگران`);
      expect(out).not.toContain(`${title}-other`);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 120_000);

  it('refuses a reparse without a valid time', async () => {
    await expect(cli('reparse', '--since', 'yesterday')).rejects.toMatchObject({ code: 2 });
  }, 30_000);

  it('names the dead-letter topic it read', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).toContain(deadLetterTopic(TOPICS.articles));
    } finally {
      await admin.disconnect();
    }
    const { stderr } = await run(
      process.execPath,
      ['dist/apps/cli/src/main.js', 'dlq', 'list', '--topic', TOPICS.articles],
      {
        cwd: ROOT,
        env: { ...process.env, KAFKA_BROKERS, KAFKAJS_NO_PARTITIONER_WARNING: '1' },
        timeout: 90_000,
      },
    );
    expect(stderr).toMatch(/\d+ dead letter\(s\) on news\.articles\.v1\.dlq/);
  }, 120_000);
});

const waitUntil = (condition: () => boolean) =>
  waitFor('the event', async () => (condition() ? true : undefined));
