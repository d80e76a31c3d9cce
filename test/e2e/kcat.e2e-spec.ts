import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { TOPICS, type ArticleEvent } from '@news/contracts';
import { connectProducer, EventPublisher } from '@news/messaging';
import { KAFKA_BROKERS, uniqueName } from '../support/env.js';
import { committedSchemas } from '../support/json-schemas.js';
import { createPipelineTopics, kafka } from '../support/kafka.js';

/** A record as `kcat -J` prints it. */
interface KcatRecord {
  topic: string;
  partition: number;
  offset: number;
  headers?: string[];
  key: string | null;
  payload: string | null;
}

/** Runs kcat (librdkafka's command-line client) against the test broker. */
function kcat(args: string[], input?: string): string {
  const result = spawnSync('kcat', ['-b', KAFKA_BROKERS, ...args], {
    encoding: 'utf8',
    input,
    timeout: 30_000,
  });
  if (result.error) {
    throw new Error(
      `kcat did not run (${result.error.message}): \`npm test\` installs it, or apt-get install kcat`,
    );
  }
  if (result.status !== 0)
    throw new Error(`kcat ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

function records(stdout: string): KcatRecord[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as KcatRecord);
}

/** kcat -J lists headers as [name, value, name, value, …]. */
function headerObject(flat: string[] = []): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) headers[flat[i]] = flat[i + 1];
  return headers;
}

describe('our events read by a client that is not ours (kcat, librdkafka)', () => {
  let producer: Producer;

  beforeAll(async () => {
    await createPipelineTopics();
    producer = await connectProducer(kafka);
  });

  afterAll(async () => {
    await producer?.disconnect();
  });

  it('an article published through EventPublisher has its key, CloudEvents headers and a payload valid against the published JSON Schema', async () => {
    const id = randomBytes(16).toString('hex');
    const article: ArticleEvent = {
      id,
      url: `https://www.ilna.ir/news/${id}/`,
      canonicalUrl: `https://www.ilna.ir/news/${id}`,
      source: { id: 'ilna', name: 'ایلنا', domain: 'ilna.ir' },
      feedUrl: 'https://www.ilna.ir/rss',
      language: 'fa',
      kicker: 'در نشست هیئت دولت مطرح شد',
      title: 'نخست‌وزیر از طرح تازه بیمه کارگران ساختمانی خبر داد',
      subtitle: null,
      lead: 'طرح تازه بیمه کارگران ساختمانی در نشست امروز هیئت دولت بررسی شد.',
      body: 'به گزارش ایلنا، طرح تازه بیمه کارگران ساختمانی امروز بررسی شد.\n\nاین طرح از ابتدای سال آینده اجرا می‌شود.',
      bodyHtml:
        '<p>به گزارش ایلنا، طرح تازه بیمه کارگران ساختمانی امروز بررسی شد.</p><p>این طرح از ابتدای سال آینده اجرا می‌شود.</p>',
      author: null,
      category: 'کارگری',
      tags: ['بیمه', 'کارگران ساختمانی'],
      images: [],
      publishedAt: '2025-09-22T17:00:00.000Z',
      publishedAtJalali: '1404-06-31T20:30:00+03:30',
      fetchedAt: '2025-09-22T17:05:09.113Z',
      parsedAt: '2025-09-22T17:05:12.470Z',
      contentHash: '5f0c7e2a9b1d4c3e8f6a0b2d4c6e8f0a1b3d5c7e9f1a2b4c6d8e0f1a3b5c7d9e',
      newsCode: '1702345',
      attribution: 'ایلنا',
      quality: { extractedBy: { title: 'profile', body: 'profile' }, flags: [] },
    };
    const [sent] = await new EventPublisher(producer, 'e2e-kcat').publish(TOPICS.articles, [
      { key: id, event: article },
    ]);

    const [record] = records(
      kcat([
        ...['-C', '-t', TOPICS.articles, '-p', String(sent.partition), '-o', String(sent.baseOffset)],
        ...['-c', '1', '-e', '-J', '-q'],
      ]),
    );

    expect(record.key).toBe(id);
    expect(record.offset).toBe(Number(sent.baseOffset));
    const headers = headerObject(record.headers);
    const schemas = committedSchemas();
    expect(schemas.errors('news.articles.v1.headers.schema.json', headers)).toEqual([]);
    expect(headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'ir.news.article.parsed.v1',
      ce_source: 'e2e-kcat',
      ce_subject: id,
      'content-type': 'application/json',
    });
    const payload: unknown = JSON.parse(record.payload ?? 'null');
    expect(schemas.errors('news.articles.v1.schema.json', payload)).toEqual([]);
    expect(payload).toEqual(article);
    // The zero-width non-joiner of نخست‌وزیر survives the trip through another client.
    expect(record.payload).toContain('نخست\u200cوزیر');
  }, 60_000);

  describe('partitioning', () => {
    const topic = uniqueName('e2e-kcat-partitions');

    beforeAll(async () => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: true });
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

    it("puts a key on the same partition as librdkafka's Java-compatible partitioner", async () => {
      const keys = [
        '007ec78a3c47986f80d273b1bf845c1e',
        '2bd7c1b76fe0f11708cf1eda1bb80847',
        'cc42362286e4cae2e06ea11c1f56ccda',
        'a3f1c07d9e2b4c5d8e6f7a1b2c3d4e5f',
        '5c1b0e0a1a7e4f3d9b2c8e6f4a0d3b71',
        'b2e9d4c1a0f3e5d7c9b1a3f5e7d9c1b3',
        '9d2f4b6a8c0e1f3a5b7c9d1e3f5a7b9c',
        '1e3c5a7b9d0f2e4c6a8b0d2f4e6a8c0b',
      ];
      await producer.send({ topic, messages: keys.map((key) => ({ key, value: 'kafkajs' })) });
      kcat(
        ['-P', '-t', topic, '-K', ':', '-X', 'topic.partitioner=murmur2_random'],
        keys.map((key) => `${key}:kcat\n`).join(''),
      );

      const all = records(kcat(['-C', '-t', topic, '-o', 'beginning', '-e', '-J', '-q']));
      expect(all).toHaveLength(2 * keys.length);
      for (const key of keys) {
        const copies = all.filter((r) => r.key === key);
        expect(copies.map((r) => r.payload).sort()).toEqual(['kafkajs', 'kcat']);
        expect([key, copies[0].partition]).toEqual([key, copies[1].partition]);
      }
      // Spread over several partitions, or the check above would prove nothing.
      expect(new Set(all.map((r) => r.partition)).size).toBeGreaterThan(2);
    }, 60_000);
  });
});
