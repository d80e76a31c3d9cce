// `npm run bench:storage`: a million synthetic Persian articles through storage's consumer path
// (ArticleWriter.writeBatch over ArticleRepository), beside a raw COPY of the same rows; then the
// real storage HTTP app on the loaded database, timed on search, topics and a 90-day timeseries;
// and the bytes each article costs on disk.
import 'reflect-metadata';
import { cpus } from 'node:os';
import type { INestApplication } from '@nestjs/common';
import { TOPICS, type ArticleEvent } from '@news/contracts';
import { createKafka, ensurePipelineTopics } from '@news/messaging';
import { ensureDatabase } from '@news/runtime';
import { pino } from 'pino';
import { createStorageApp } from '../apps/storage/src/app.js';
import { DEFAULT_READ_TIMEOUT_MS } from '../apps/storage/src/config.js';
import { feedStatusGroupId } from '../apps/storage/src/storage.module.js';
import { BenchDatabase, uniqueName } from './support/bench-database.js';
import { startGroupAtEnd } from './support/kafka-setup.js';
import { CopyLoader, copyText } from './support/storage-copy.js';
import { migrateAsStorage } from './support/storage-database.js';
import { SEARCH_TERMS, SOURCE_COUNT, StorageCorpus, TOPIC_POOL_SIZE } from './support/storage-corpus.js';
import { parseStorageOptions, type StorageBenchOptions } from './support/storage-options.js';
import { measureQuery, type QueryCase, type QueryResult } from './support/storage-queries.js';
import { storageTable, type StorageBenchReport } from './support/storage-report.js';
import { ConsumerPathWriter, consumedMessage } from './support/storage-upsert.js';
import { fmt } from './support/text-table.js';
import { freePort, Interruption, say, runBench } from './support/run-control.js';

/** The timeseries asked for: the 90 daily buckets, whatever --days spreads the articles over. */
const TIMESERIES_DAYS = 90;

const interruption = new Interruption(
  "stopping after the current step, then dropping the databases (--keep keeps the consumer path's)",
);

const logger = pino({ name: 'bench-storage', level: 'warn' }, pino.destination(2));

/** Articles n in [from, to), generated on demand: a million never sit in memory at once. */
function articlesIn(corpus: StorageCorpus, from: number, to: number): ArticleEvent[] {
  return Array.from({ length: to - from }, (_, i) => corpus.article(from + i));
}

/**
 * Loads articles [0, total) `chunk` at a time, in order: `load` writes one chunk and resolves with
 * the milliseconds it timed. Logs progress every few seconds, so a 20-minute run shows it is alive.
 */
async function loadInChunks(
  label: string,
  total: number,
  chunk: number,
  load: (from: number, to: number) => Promise<number>,
): Promise<{ elapsedMs: number; chunks: number }> {
  let elapsedMs = 0;
  let chunks = 0;
  let lastReport = Date.now();
  for (let from = 0; from < total; from += chunk) {
    interruption.check();
    const to = Math.min(total, from + chunk);
    elapsedMs += await load(from, to);
    chunks++;
    if (Date.now() - lastReport >= 10_000 || to >= total) {
      lastReport = Date.now();
      say(`${label}: ${fmt.int(to)} / ${fmt.int(total)} (${fmt.rate(to, elapsedMs)} while timed)`);
    }
  }
  return { elapsedMs, chunks };
}

async function loadThroughConsumerPath(
  db: BenchDatabase,
  corpus: StorageCorpus,
  options: StorageBenchOptions,
): Promise<StorageBenchReport['upsert']> {
  await ensureDatabase(db.url);
  const writer = await ConsumerPathWriter.open(db.url, logger);
  try {
    const { elapsedMs, chunks: batches } = await loadInChunks(
      'consumer path',
      options.articles,
      options.batch,
      // Generating and encoding (what the parser would have published) is not storage's cost.
      (from, to) => writer.write(articlesIn(corpus, from, to).map((a, i) => consumedMessage(a, from + i))),
    );
    const database = await writer.databaseWriteSeconds();
    const stored = await writer.counters.snapshot();
    return {
      elapsedMs,
      batches,
      databaseMs: database.seconds * 1000,
      rows: stored['articles-stored'] + stored['articles-updated'] + stored['articles-unchanged'],
      deadLetters: writer.deadLetters.length,
    };
  } finally {
    await writer.close();
  }
}

async function loadThroughCopy(
  db: BenchDatabase,
  corpus: StorageCorpus,
  options: StorageBenchOptions,
): Promise<StorageBenchReport['copy']> {
  await migrateAsStorage(db); // the same table definition as the consumer path's
  const loader = await CopyLoader.connect(db.url, corpus.sources);
  try {
    const { elapsedMs, chunks: statements } = await loadInChunks(
      'COPY',
      options.articles,
      options.copyChunk,
      (from, to) => loader.copy(copyText(articlesIn(corpus, from, to))),
    );
    const [count] = await db.query<{ n: string }>('SELECT count(*) AS n FROM articles');
    return { elapsedMs, statements, rows: Number(count?.n ?? 0) };
  } finally {
    await loader.close();
  }
}

/** Rows the two loads wrote for the same articles, compared whole (except when they were written). */
async function compareRows(
  a: BenchDatabase,
  b: BenchDatabase,
  corpus: StorageCorpus,
  articles: number,
): Promise<StorageBenchReport['sameRows']> {
  const step = Math.max(1, Math.floor(articles / 25));
  const ids: string[] = [];
  for (let n = 0; n < articles; n += step) ids.push(corpus.article(n).id);
  const sql = `SELECT id, (to_jsonb(a) - 'stored_at' - 'updated_at') AS row FROM articles a WHERE id = ANY($1)`;
  type Row = { id: string; row: Record<string, unknown> };
  const [left, right] = await Promise.all([a.query<Row>(sql, [ids]), b.query<Row>(sql, [ids])]);
  const other = new Map(right.map((r) => [r.id, r.row]));
  let equal = 0;
  let firstDifference: string | null = null;
  for (const { id, row } of left) {
    const copied = other.get(id);
    const differing = Object.keys(row).filter(
      (column) => JSON.stringify(row[column]) !== JSON.stringify(copied?.[column]),
    );
    if (copied && differing.length === 0) equal++;
    else firstDifference ??= copied ? `${id}: ${differing.join(', ')} differ` : `${id} missing from COPY`;
  }
  if (left.length < ids.length)
    firstDifference ??= `${ids.length - left.length} sampled ids missing from the upsert`;
  return { equal, sampled: ids.length, firstDifference };
}

async function sizes(
  db: BenchDatabase,
): Promise<{ database: number; articles: number; topics: number | null }> {
  const [row] = await db.query<{ database: string; articles: string; topics: string | null }>(
    `SELECT pg_database_size(current_database()) AS database,
            pg_total_relation_size('articles') AS articles,
            pg_total_relation_size(to_regclass('article_topics')) AS topics`,
  );
  return {
    database: Number(row?.database ?? 0),
    articles: Number(row?.articles ?? 0),
    topics: row?.topics == null ? null : Number(row.topics),
  };
}

function queryCases(corpus: StorageCorpus): QueryCase[] {
  const to = corpus.now;
  const from = new Date(to.getTime() - TIMESERIES_DAYS * 86_400_000);
  const q = (term: string) => `/articles?q=${encodeURIComponent(term)}`;
  return [
    { label: '/articles', path: '/articles', what: 'the newest 20, every field' },
    {
      // The alternative for a list that shows titles and leads: the same page without the text.
      label: '/articles?view=summary',
      path: '/articles?view=summary',
      what: 'the newest 20 without body and bodyHtml',
    },
    {
      label: '/articles?q= common',
      path: q(SEARCH_TERMS.common),
      what: `«${SEARCH_TERMS.common}», in every article`,
    },
    {
      label: '/articles?q= 1%',
      path: q(SEARCH_TERMS.percent),
      what: `«${SEARCH_TERMS.percent}», in 1 article in 100`,
    },
    {
      label: '/articles?q= 0.1%',
      path: q(SEARCH_TERMS.permille),
      what: `«${SEARCH_TERMS.permille}», in 1 article in 1,000`,
    },
    {
      label: '/articles?q= rare',
      path: q(SEARCH_TERMS.rare),
      what: `«${SEARCH_TERMS.rare}», in 1 in 10,000`,
    },
    {
      // Two phrases (comma-separated): the common one adds every article to the index's intersection.
      label: '/articles?q= common, 0.1%',
      path: q(`${SEARCH_TERMS.common}، ${SEARCH_TERMS.permille}`),
      what: `«${SEARCH_TERMS.common}، ${SEARCH_TERMS.permille}», both phrases: 1 article in 1,000`,
    },
    {
      label: '/articles?q= absent',
      path: q(SEARCH_TERMS.absent),
      what: `«${SEARCH_TERMS.absent}», in no article`,
    },
    { label: '/topics?window=24h', path: '/topics?window=24h', what: 'top topics of the last day' },
    {
      label: '/topics/trending?window=6h',
      path: '/topics/trending?window=6h',
      what: 'rising against 7 days',
    },
    {
      label: '/topics/:topic/timeseries',
      path:
        `/topics/${encodeURIComponent(corpus.topTopic)}/timeseries?bucket=day` +
        `&from=${from.toISOString()}&to=${to.toISOString()}`,
      what: `«${corpus.topTopic}» (the most used topic), ${TIMESERIES_DAYS} daily buckets`,
    },
  ];
}

/** The storage app as main.ts builds it, on the loaded database, with consumer groups of its own at the topics' ends. */
async function measureQueries(
  db: BenchDatabase,
  corpus: StorageCorpus,
  options: StorageBenchOptions,
): Promise<QueryResult[]> {
  const kafka = createKafka({ brokers: options.kafkaBrokers, clientId: 'bench-storage' }, logger);
  await ensurePipelineTopics(kafka);
  const group = uniqueName('bench_storage');
  const groups = [group, feedStatusGroupId({ STORAGE_GROUP_ID: group })];
  await startGroupAtEnd(kafka, groups[0] as string, [TOPICS.articles]);
  await startGroupAtEnd(kafka, groups[1] as string, [TOPICS.feedStatus]);
  const port = await freePort();
  let app: INestApplication | undefined;
  try {
    app = await createStorageApp(
      {
        KAFKA_BROKERS: options.kafkaBrokers,
        DATABASE_URL: db.url,
        STORAGE_PORT: port,
        STORAGE_HOST: '127.0.0.1',
        STORAGE_GROUP_ID: group,
        STORAGE_READ_TIMEOUT_MS: DEFAULT_READ_TIMEOUT_MS,
      },
      logger,
      { logger: false },
    );
    await app.listen(port, '127.0.0.1');
    const results: QueryResult[] = [];
    for (const query of queryCases(corpus)) {
      interruption.check();
      const result = await measureQuery(`http://127.0.0.1:${port}`, query, options.requests);
      const o = result.outcome;
      say(
        `${query.label}: ` +
          (o.kind === 'measured'
            ? `p50 ${o.p50.toFixed(1)} ms, p95 ${o.p95.toFixed(1)} ms`
            : `HTTP ${o.status} ${o.message}`),
      );
      results.push(result);
    }
    return results;
  } finally {
    await app?.close();
    const admin = kafka.admin();
    await admin
      .connect()
      .then(() => admin.deleteGroups(groups))
      .catch(() => undefined)
      .finally(() => admin.disconnect());
  }
}

async function main(): Promise<number> {
  const options = parseStorageOptions(process.argv.slice(2), process.env);
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const corpus = new StorageCorpus(now, options.days, options.articles, options.order);
  const upsertDb = new BenchDatabase(options.postgresServerUrl);
  const copyDb = new BenchDatabase(options.postgresServerUrl);
  say(
    `${fmt.int(options.articles)} articles, batches of ${options.batch}; databases ${upsertDb.name} (consumer path) ` +
      `and ${copyDb.name} (COPY)`,
  );
  try {
    const started = Date.now();
    const upsert = await loadThroughConsumerPath(upsertDb, corpus, options);
    say(`consumer path done in ${fmt.seconds(Date.now() - started)} of wall time (generation included)`);
    const copyStarted = Date.now();
    const copy = await loadThroughCopy(copyDb, corpus, options);
    say(`COPY done in ${fmt.seconds(Date.now() - copyStarted)} of wall time (generation included)`);
    const sameRows = await compareRows(upsertDb, copyDb, corpus, options.articles);
    const copySizes = await sizes(copyDb);
    await copyDb.drop(); // before the queries: its gigabytes are of no more use, and the disk is shared
    // The database as autovacuum would have left it after a load spread over days: statistics
    // gathered, pages marked all-visible (index-only reads), the search index's pending list merged.
    say('VACUUM ANALYZE');
    await upsertDb.query('VACUUM ANALYZE');
    const upsertSizes = await sizes(upsertDb);
    interruption.check();
    const queries = await measureQueries(upsertDb, corpus, options);

    const report: StorageBenchReport = {
      articles: options.articles,
      batch: options.batch,
      upsert,
      copy,
      sameRows,
      queries,
      sizes: {
        databaseBytes: upsertSizes.database,
        articlesBytes: upsertSizes.articles,
        topicsBytes: upsertSizes.topics,
        copyDatabaseBytes: copySizes.database,
      },
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    };
    const header =
      `${fmt.int(options.articles)} synthetic Persian articles (${SOURCE_COUNT} sources, ${fmt.int(TOPIC_POOL_SIZE)} ` +
      `topics, ${options.days} days, written in ${options.order} order) into PostgreSQL (${cpus().length} cores, Node ${process.version}). ` +
      `Messages are fed from memory to ArticleWriter.writeBatch, as one consumed batch each: ` +
      `no broker fetch (bench:pipeline measures that path).`;
    process.stdout.write(`\n${header}\n\n${storageTable(report)}\n\n`);
    return sameRows.equal === sameRows.sampled && upsert.deadLetters === 0 ? 0 : 1;
  } finally {
    const dropped = options.keep ? [copyDb] : [upsertDb, copyDb];
    for (const db of dropped) {
      await db.drop().catch((error: unknown) => say(`could not drop ${db.name}: ${String(error)}`));
    }
    say(`dropped ${dropped.map((db) => db.name).join(' and ')}`);
    if (options.keep) say(`kept ${upsertDb.name}: psql ${upsertDb.url}`);
  }
}

runBench('bench:storage', main);
