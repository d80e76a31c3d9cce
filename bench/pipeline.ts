// `npm run bench:pipeline`: N synthetic ILNA pages through the real services
// (Kafka → parser → Kafka → storage → PostgreSQL), timed end to end, then the
// storage write path compared with writing one row per transaction.
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPICS, type ArticleEvent } from '@news/contracts';
import { connectProducer, createKafka, ensurePipelineTopics, EventPublisher } from '@news/messaging';
import type { Kafka, Producer } from 'kafkajs';
import { pino } from 'pino';
import { BenchDatabase, uniqueName } from './support/bench-database.js';
import { commitLag, otherActiveGroups, startGroupAtEnd } from './support/kafka-setup.js';
import { parseOptions, type BenchOptions } from './support/options.js';
import { countStored, storedRunMetrics } from './support/pipeline-metrics.js';
import { produceRawArticles, type ProduceResult } from './support/produce-raw-articles.js';
import { articleKey, articleNumbers } from './support/raw-article-events.js';
import { comparisonTable, pipelineTable, type ComparisonRow } from './support/report.js';
import { checkSyntheticSample } from './support/sample-check.js';
import { ServiceProcess, type ProcessUsage } from './support/service-process.js';
import {
  loadStoredArticles,
  writeBatched,
  writeOneRowPerTransaction,
  type WriteResult,
} from './support/storage-comparison.js';
import { inFreshStorageDatabase } from './support/storage-database.js';
import { articleUrl } from './support/synthetic-article.js';
import { fmt } from './support/text-table.js';
import { freePort, Interruption, say, sleep, runBench } from './support/run-control.js';

const interruption = new Interruption('stopping the services and dropping the database');

/** Both services read from their topics: storage answers /health and both logged that they consume. */
async function waitUntilConsuming(
  storage: ServiceProcess,
  parser: ServiceProcess,
  port: number,
): Promise<void> {
  const deadline = Date.now() + 120_000;
  const ready = Promise.all([storage.logged('storage consuming'), parser.logged('parser consuming')]);
  let consuming = false;
  void ready.then(() => (consuming = true));
  for (;;) {
    interruption.check();
    for (const service of [storage, parser]) {
      if (!service.running)
        throw new Error(`${service.name} exited during start-up:\n${service.problems.join('\n')}`);
    }
    const healthy = await fetch(`http://127.0.0.1:${port}/health`)
      .then((res) => res.status === 200)
      .catch(() => false);
    if (healthy && consuming) return;
    if (Date.now() > deadline) throw new Error('the services did not start consuming within 2 minutes');
    await sleep(250);
  }
}

interface WaitOutcome {
  complete: boolean;
  reason: string;
}

/** Polls the row count until every article is stored, a service dies, or the time cap passes. */
async function waitForRows(
  db: BenchDatabase,
  ids: readonly string[],
  services: readonly ServiceProcess[],
  deadline: number,
  producing: () => number,
): Promise<WaitOutcome> {
  let lastReport = Date.now();
  for (;;) {
    const stored = await countStored(db, ids);
    if (stored >= ids.length) return { complete: true, reason: 'all stored' };
    if (interruption.interrupted) return { complete: false, reason: 'interrupted' };
    const dead = services.find((s) => !s.running);
    if (dead) return { complete: false, reason: `${dead.name} exited:\n${dead.problems.join('\n')}` };
    if (Date.now() > deadline) return { complete: false, reason: 'time cap reached' };
    if (Date.now() - lastReport >= 5000) {
      lastReport = Date.now();
      const parsed = services.find((s) => s.name === 'parser')?.count('article parsed') ?? 0;
      say(
        `produced ${fmt.int(producing())}, parsed ${fmt.int(parsed)}, stored ${fmt.int(stored)} / ${fmt.int(ids.length)}`,
      );
    }
    await sleep(200);
  }
}

/** Untimed: the first statements of each writer (plans, catalog caches, pool set-up) are not what we compare. */
async function warmUp(serverUrl: string, articles: readonly ArticleEvent[]): Promise<void> {
  const few = articles.slice(0, 50);
  await inFreshStorageDatabase(serverUrl, (db) => writeBatched(db, few, 25));
  await inFreshStorageDatabase(serverUrl, (db) => writeOneRowPerTransaction(db, few));
}

/**
 * Phase 2, with the services stopped: the same articles written by storage's
 * batched upsert (at the batch size it really got, and at 500 rows, the
 * kind of batch it gets when catching up on a backlog) and by the naive one-row-per-transaction writer,
 * each into a fresh database migrated as storage's.
 */
async function compareStorageWrites(
  db: BenchDatabase,
  ids: readonly string[],
  options: BenchOptions,
  pipeline: { articles: number; elapsedMs: number; transactions: number },
): Promise<string> {
  const articles = await loadStoredArticles(db, ids.slice(0, Math.min(ids.length, options.comparisonLimit)));
  const observedBatch = Math.max(1, Math.round(pipeline.articles / Math.max(1, pipeline.transactions)));
  const batchSizes = [...new Set([observedBatch, 500])];
  say(
    `storage comparison on ${fmt.int(articles.length)} articles: batched (${batchSizes.join(', ')} rows/tx), ` +
      'then one row per transaction',
  );
  await warmUp(options.postgresServerUrl, articles);
  const rows: ComparisonRow[] = [
    {
      label: 'pipeline storage (phase 1)',
      result: pipeline,
      what: 'the storage service in the live pipeline, fed by the parser (first → last stored_at)',
    },
  ];
  for (const size of batchSizes) {
    const result = await inFreshStorageDatabase(options.postgresServerUrl, (fresh) =>
      writeBatched(fresh, articles, size),
    );
    assertAllWritten(`batched upsert, ${size} rows/tx`, result, articles.length);
    rows.push({
      label: `batched upsert, ${size} rows/tx`,
      result,
      what:
        `ArticleRepository.upsertBatch alone (storage’s real SQL)` +
        (size === observedBatch ? ', at the mean batch size storage got in phase 1' : ''),
    });
  }
  const naive = await inFreshStorageDatabase(options.postgresServerUrl, (fresh) =>
    writeOneRowPerTransaction(fresh, articles),
  );
  assertAllWritten('naive upsert', naive, articles.length);
  rows.push({
    label: 'naive: 1 row per transaction',
    result: naive,
    what: 'INSERT … ON CONFLICT per article (+ its source), one commit each, like an eachMessage handler',
  });
  return comparisonTable(rows);
}

function assertAllWritten(writer: string, result: WriteResult, expected: number): void {
  if (result.rowsInTable !== expected)
    throw new Error(`${writer}: ${result.rowsInTable} rows after writing ${expected} articles`);
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const numbers = articleNumbers(options.count);
  const ids = numbers.map((n) => articleKey(articleUrl(n)));
  const logDir = mkdtempSync(join(tmpdir(), 'news-bench-'));

  const sample = checkSyntheticSample(numbers.slice(0, Math.min(numbers.length, 25)));
  say(
    `sample of ${sample.checked} synthetic pages checked against the schema and the extractor: ` +
      `${fmt.int(sample.meanHtmlBytes)} bytes of HTML, ${fmt.fixed(sample.meanParagraphs)} paragraphs, ` +
      `${fmt.fixed(sample.zwnjPerBody)} ZWNJ per body on average`,
  );

  const logger = pino({ name: 'bench', level: 'warn' }, pino.destination(2));
  const kafka: Kafka = createKafka({ brokers: options.kafkaBrokers, clientId: 'bench' }, logger);
  await ensurePipelineTopics(kafka);
  const db = new BenchDatabase(options.postgresServerUrl);
  const groups = { parser: uniqueName('bench_parser'), storage: uniqueName('bench_storage') };
  await startGroupAtEnd(kafka, groups.parser, [TOPICS.rawArticles]);
  await startGroupAtEnd(kafka, groups.storage, [TOPICS.articles]);

  const common = { KAFKA_BROKERS: options.kafkaBrokers.join(','), DATABASE_URL: db.url };
  const port = await freePort();
  const storage = new ServiceProcess('storage', {
    ...common,
    STORAGE_PORT: String(port),
    STORAGE_GROUP_ID: groups.storage,
  }).start(logDir);
  const parser = new ServiceProcess('parser', {
    ...common,
    PARSER_GROUP_ID: groups.parser,
    PARSER_PORT: String(await freePort()),
  }).start(logDir);
  const services = [storage, parser];
  say(`database ${db.name}; service logs in ${logDir}`);

  let producer: Producer | undefined;
  try {
    await waitUntilConsuming(storage, parser, port);
    const others = await otherActiveGroups(kafka, Object.values(groups));
    if (others.length > 0) {
      say(
        `warning: other consumer groups are active on this broker (${others.join(', ')}); ` +
          'a parser among them also receives these pages and competes for the CPU',
      );
    }

    producer = await connectProducer(kafka);
    const publisher = new EventPublisher(producer, 'bench');
    // CPU spent starting up (Nest, TypeORM migrations, group join) is not the pipeline's per-article cost.
    const cpuAtStart = { parser: parser.usage().cpuSeconds, storage: storage.usage().cpuSeconds };
    say(`producing ${fmt.int(options.count)} raw-article events to ${TOPICS.rawArticles}`);
    const deadline = Date.now() + options.timeoutMs;
    let producedSoFar = 0;
    const producing = produceRawArticles(
      publisher,
      numbers,
      options.batchSize,
      () => interruption.interrupted,
    ).then((r) => {
      producedSoFar = r.events;
      say(
        `produced ${fmt.int(r.events)} events in ${fmt.seconds(r.elapsedMs)} (${fmt.rate(r.events, r.elapsedMs)})`,
      );
      return r;
    });
    const [produced, outcome]: [ProduceResult, WaitOutcome] = await Promise.all([
      producing,
      waitForRows(db, ids, services, deadline, () => producedSoFar),
    ]);
    interruption.check();

    const metrics = await storedRunMetrics(db, ids);
    const sinceStart = (u: ProcessUsage, atStart: number): ProcessUsage => ({
      ...u,
      cpuSeconds: u.cpuSeconds - atStart,
    });
    const usage = {
      parser: sinceStart(parser.usage(), cpuAtStart.parser),
      storage: sinceStart(storage.usage(), cpuAtStart.storage),
    };
    // The broker is shared: other runs' test messages reach our groups too, so only our keys count as ours.
    const ourIds = new Set(ids);
    const split = (keys: readonly string[]) => {
      const ours = keys.filter((k) => ourIds.has(k)).length;
      return { ours, others: keys.length - ours };
    };
    const deadLetters = {
      parser: split(parser.keys('raw article sent to dead-letter topic')),
      storage: split(storage.keys('article sent to dead-letter topic')),
    };
    say('stopping the services (SIGTERM)');
    const [parserStop, storageStop] = await Promise.all([parser.stop(), storage.stop()]);
    const uncommitted = {
      parser: (await commitLag(kafka, groups.parser, TOPICS.rawArticles)).uncommitted,
      storage: (await commitLag(kafka, groups.storage, TOPICS.articles)).uncommitted,
    };

    const header =
      `${fmt.int(options.count)} synthetic ILNA pages through Kafka → parser → Kafka → storage → PostgreSQL ` +
      `(${cpus().length} cores, Node ${process.version})`;
    process.stdout.write(
      `\n${header}\n\n${pipelineTable({
        expected: options.count,
        produced,
        metrics,
        usage,
        deadLetters,
        uncommitted,
        stopped: { parser: parserStop, storage: storageStop },
        batchSize: options.batchSize,
      })}\n\n`,
    );
    if (!outcome.complete) {
      process.stdout.write(`INCOMPLETE: ${outcome.reason}\n`);
      return 1;
    }
    const storageSpanMs =
      metrics.firstStoredAt && metrics.lastStoredAt
        ? metrics.lastStoredAt.getTime() - metrics.firstStoredAt.getTime()
        : 0;
    const comparison = await compareStorageWrites(db, ids, options, {
      articles: metrics.stored,
      elapsedMs: storageSpanMs,
      transactions: metrics.transactions,
    });
    process.stdout.write(`${comparison}\n\n`);
    return 0;
  } finally {
    await producer?.disconnect().catch(() => undefined);
    await Promise.all(services.map((s) => s.stop()));
    await db.drop().catch((error: unknown) => say(`could not drop ${db.name}: ${String(error)}`));
    say(`dropped ${db.name}`);
  }
}

runBench('bench:pipeline', main);
