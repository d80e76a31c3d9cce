import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TOPICS, type ArticleEvent } from '@news/contracts';
import { encodeEvent } from '@news/messaging';
import { KAFKA_BROKERS, uniqueName } from '../support/env.js';
import { kafka, produceRaw } from '../support/kafka.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function runConsumer(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['examples/consumer/consumer.mjs', ...args], {
      cwd: ROOT,
      env: { ...process.env, KAFKA_BROKERS },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('examples/consumer, a downstream consumer on kafkajs, ajv and the published schemas only', () => {
  // A topic of its own, so that the invalid messages below reach no service.
  const topic = uniqueName('e2e-example-consumer');

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
  });

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.deleteTopics({ topics: [topic] });
    } finally {
      await admin.disconnect();
    }
  });

  it('prints valid articles, rejects bad headers and values, and skips an exact duplicate', async () => {
    const article: ArticleEvent = {
      id: '7d1e4f0a2b3c4d5e6f708192a3b4c5d6',
      url: 'https://www.ilna.ir/news/1702399/',
      canonicalUrl: 'https://www.ilna.ir/news/1702399',
      source: { id: 'ilna', name: 'ایلنا', domain: 'ilna.ir' },
      feedUrl: 'https://www.ilna.ir/rss',
      language: 'fa',
      kicker: null,
      title: 'کارگران پیمانی پتروشیمی خواستار اجرای طرح طبقه‌بندی مشاغل شدند',
      lead: null,
      body: 'به گزارش ایلنا، کارگران پیمانی پتروشیمی خواستار اجرای طرح طبقه‌بندی مشاغل شدند.',
      bodyHtml: '<p>به گزارش ایلنا، کارگران پیمانی پتروشیمی خواستار اجرای طرح طبقه‌بندی مشاغل شدند.</p>',
      author: null,
      category: 'کارگری',
      tags: [],
      images: [],
      publishedAt: '2025-09-23T05:30:00.000Z',
      publishedAtJalali: '1404-07-01T09:00:00+03:30',
      fetchedAt: '2025-09-23T05:35:00.000Z',
      parsedAt: '2025-09-23T05:35:01.000Z',
      contentHash: '1111111111111111111111111111111111111111111111111111111111111111',
    };
    const valid = encodeEvent(TOPICS.articles, article.id, article, 'parser');
    const headers = valid.headers as Record<string, string>;
    const revised = encodeEvent(
      TOPICS.articles,
      article.id,
      { ...article, contentHash: '2222222222222222222222222222222222222222222222222222222222222222' },
      'parser',
    );
    const untitled: Partial<ArticleEvent> = { ...article };
    delete untitled.title;
    await produceRaw(topic, [
      {
        key: article.id,
        value: String(valid.value),
        headers: { ...headers, ce_type: 'ir.news.article.fetched.v1' },
      },
      { key: article.id, value: JSON.stringify(untitled), headers },
      { key: article.id, value: String(valid.value), headers },
      { key: article.id, value: String(valid.value), headers },
      { key: article.id, value: String(revised.value), headers: revised.headers as Record<string, string> },
    ]);

    const run = await runConsumer([
      ...['--topic', topic, '--from-beginning', '--group', uniqueName('example-consumer')],
      ...['--max-messages', '5'],
    ]);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      '2025-09-23T05:30:00.000Z  ایلنا  کارگران پیمانی پتروشیمی خواستار اجرای طرح طبقه‌بندی مشاغل شدند\n' +
        '2025-09-23T05:30:00.000Z  ایلنا  کارگران پیمانی پتروشیمی خواستار اجرای طرح طبقه‌بندی مشاغل شدند  (new revision)\n',
    );
    expect(run.stderr).toContain('0:0 not a CloudEvents article: /ce_type must be equal to constant\n');
    expect(run.stderr).toContain("0:1 value breaks the schema: (root) must have required property 'title'\n");
    expect(run.stderr).toContain('0:3 duplicate of 7d1e4f0a2b3c4d5e6f708192a3b4c5d6, skipped\n');
  }, 60_000);
});
