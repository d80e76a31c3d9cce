// @ts-check
// A minimal downstream consumer of news.articles.v1, written the way a team
// outside this repository would: kafkajs, ajv and the published JSON Schemas
// in docs/schemas/, none of our own code. See README.md beside it.
//
//   node examples/consumer/consumer.mjs [--from-beginning] [--group ID] [--topic NAME] [--max-messages N]
import { readFileSync } from 'node:fs';
import { setImmediate } from 'node:timers';
import { parseArgs } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { Kafka, logLevel } from 'kafkajs';

const { values: options } = parseArgs({
  options: {
    'from-beginning': { type: 'boolean', default: false },
    group: { type: 'string', default: 'example-consumer' },
    topic: { type: 'string', default: 'news.articles.v1' },
    'max-messages': { type: 'string' },
  },
});
const maxMessages = options['max-messages'] === undefined ? Infinity : Number(options['max-messages']);

// ajv-formats is CommonJS; `.default` is the plugin, as its type declarations say.
const addFormats = ajvFormats.default;

// The published contract: the value's schema and the CloudEvents headers' schema.
/** @param {string} name */
const schemaFile = (name) =>
  JSON.parse(readFileSync(new URL(`../../docs/schemas/${name}`, import.meta.url), 'utf8'));
// Union types (`"type": ["string", "null"]`) are how the schemas say "nullable".
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
addFormats(ajv);
const validArticle = ajv.compile(schemaFile('news.articles.v1.schema.json'));
const validHeaders = ajv.compile(schemaFile('news.articles.v1.headers.schema.json'));

/**
 * @typedef {{ id: string, title: string, source: { name: string }, publishedAt: string | null,
 *   contentHash: string }} Article  the fields this consumer uses; the schema has them all
 */

/** @param {import('ajv').ErrorObject[] | null | undefined} errors */
const describeErrors = (errors) =>
  (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`).join('; ');

/**
 * Kafka headers arrive as bytes; the CloudEvents ones are UTF-8 strings.
 * @param {import('kafkajs').IHeaders | undefined} headers
 */
const headerStrings = (headers) =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));

// At-least-once delivery and re-parses mean the same article can come again:
// the same id and contentHash is a duplicate, another contentHash a new revision.
// (A real consumer keeps this in its database, e.g. a unique (id, contentHash).)
/** @type {Map<string, string>} */
const lastHash = new Map();

/**
 * Checks one message and prints the article; returns why it was skipped, or null.
 * @param {import('kafkajs').KafkaMessage} message
 * @returns {string | null}
 */
function handle(message) {
  const headers = headerStrings(message.headers);
  if (!validHeaders(headers)) return `not a CloudEvents article: ${describeErrors(validHeaders.errors)}`;
  let value;
  try {
    value = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch (error) {
    return `value is not JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!validArticle(value)) return `value breaks the schema: ${describeErrors(validArticle.errors)}`;
  const article = /** @type {Article} */ (value);
  if (message.key?.toString() !== article.id) return `key ${message.key?.toString()} is not the article id`;
  if (lastHash.get(article.id) === article.contentHash) return `duplicate of ${article.id}, skipped`;
  const revision = lastHash.has(article.id) ? '  (new revision)' : '';
  lastHash.set(article.id, article.contentHash);
  process.stdout.write(
    `${article.publishedAt ?? 'no date'}  ${article.source.name}  ${article.title}${revision}\n`,
  );
  return null;
}

const kafka = new Kafka({
  clientId: 'example-consumer',
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  logLevel: logLevel.WARN,
});
// kafkajs reads committed records only (read_committed) unless told otherwise.
const consumer = kafka.consumer({ groupId: options.group });
let seen = 0;
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  // Not from inside the handler: disconnecting waits for the handler to return.
  setImmediate(() => void consumer.disconnect());
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

await consumer.connect();
await consumer.subscribe({ topic: options.topic, fromBeginning: options['from-beginning'] });
process.stderr.write(`consuming ${options.topic} as group ${options.group}; Ctrl-C stops\n`);
await consumer.run({
  // An offset is marked done only after its message was handled, so a crash
  // or --max-messages never skips one; kafkajs commits the marked offsets.
  eachBatchAutoResolve: false,
  eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
    for (const message of batch.messages) {
      if (stopping || !isRunning() || isStale()) break;
      const skipped = handle(message);
      if (skipped) process.stderr.write(`${batch.partition}:${message.offset} ${skipped}\n`);
      resolveOffset(message.offset);
      await heartbeat();
      if (++seen >= maxMessages) stop();
    }
  },
});
