import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ensureDatabase } from '@news/runtime';
import { DataSource } from 'typeorm';
import { ArticleRepository } from '../src/articles/article.repository.js';
import { storageDataSourceOptions } from '../src/database/data-source-options.js';
import { TestDatabase } from '../../../test/support/database.js';
import { articleEvent, testSource } from './storage-app.js';

const ROUNDS = 10;
const SOURCES_PER_ROUND = 500;

// Scaling storage out means instances consuming different partitions of news.articles.v1, whose
// batches often name the same sources. Each instance is a data source (a pool) of its own here.
describe('two storage instances writing at once, on real PostgreSQL', () => {
  const db = new TestDatabase();
  const instances: DataSource[] = [];

  beforeAll(async () => {
    await ensureDatabase(db.url);
    for (let i = 0; i < 2; i++) {
      const dataSource = new DataSource({ ...storageDataSourceOptions(db.url), logging: false });
      instances.push(await dataSource.initialize()); // the first runs the migrations
    }
  }, 60_000);

  afterAll(async () => {
    for (const dataSource of instances) await dataSource.destroy();
    await db.drop();
  });

  it('store batches naming the same new sources in opposite orders without a deadlock', async () => {
    const [first, second] = instances.map((dataSource) => new ArticleRepository(dataSource));
    const sourceIds: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const sources = Array.from({ length: SOURCES_PER_ROUND }, (_, i) => testSource(`منبع ${round}-${i}`));
      sourceIds.push(...sources.map((s) => s.id));
      const batch = (instance: string, ordered: typeof sources) =>
        ordered.map((source, i) =>
          articleEvent(`${instance}-${source.id}`, { source, title: `خبر ${i}`, body: `متن خبر ${i}` }),
        );
      const written = await Promise.all([
        first.upsertBatch(batch('a', sources)),
        second.upsertBatch(batch('b', [...sources].reverse())),
      ]);
      expect(written.map((counts) => counts.inserted)).toEqual([SOURCES_PER_ROUND, SOURCES_PER_ROUND]);
    }
    const counts = await db.query<{ article_count: number }>(
      'SELECT article_count FROM sources WHERE id = ANY($1)',
      [sourceIds],
    );
    expect(counts.map((row) => row.article_count)).toEqual(sourceIds.map(() => 2));
  }, 60_000);
});
