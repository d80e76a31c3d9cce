import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadDefaultProfiles } from '@news/extraction';
import { parseFeed } from '@news/feeds';
import { TOPICS } from '@news/contracts';
import { decodeBody } from '@news/http-fetch';
import { createKafka } from '@news/messaging';
import { createLogger } from '@news/observability';
import { envBrokers, loadEnv } from '@news/runtime';
import { z } from 'zod';
import { extractSavedPage } from './extract-command.js';
import { answerJsonLines, requireString } from './jsonl.js';
import { listDeadLetters, replayDeadLetters, reparse, tail } from './kafka-commands.js';

const print = (line: string) => process.stdout.write(`${line}\n`);

/** The Kafka client for the tool commands, quiet unless something goes wrong. */
function kafkaClient() {
  const { KAFKA_BROKERS } = loadEnv(z.object({ KAFKA_BROKERS: envBrokers }));
  return createKafka({ brokers: KAFKA_BROKERS, clientId: 'news-cli' }, createLogger('cli'));
}

const USAGE = `usage:
  npm run cli -- extract FILE --url URL     structured article JSON for one saved page
  npm run -s cli -- extract --jsonl         {"url","path"} lines on stdin → one article JSON per line
  npm run -s cli -- parse-feed FILE [--url FEED_URL]
  npm run -s cli -- parse-feed --jsonl      {"path"[,"url"]} lines on stdin → one feed JSON per line
  npm run cli -- tail [TOPIC] [--from-beginning] [--source ID]   follow a topic (default news.articles.v1)
  npm run cli -- dlq list [--topic TOPIC]   dead letters of a topic (default news.raw-articles.v1)
  npm run cli -- dlq replay [--topic TOPIC] [--offset N]…   send dead letters back after a fix
  npm run cli -- reparse --since ISO_TIME   re-parse raw articles fetched since then
Kafka commands use KAFKA_BROKERS (default 127.0.0.1:9092).`;

class UsageError extends Error {}

async function feedFromFile(path: string, url: string) {
  const bytes = await readFile(path);
  return parseFeed(decodeBody(bytes, null, 'xml').text, url);
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      jsonl: { type: 'boolean', default: false },
      help: { type: 'boolean' },
      'from-beginning': { type: 'boolean', default: false },
      source: { type: 'string' },
      topic: { type: 'string' },
      offset: { type: 'string', multiple: true },
      since: { type: 'string' },
    },
  });
  const [command, file] = positionals;
  if (values.help || !command) throw new UsageError(USAGE);

  if (command === 'extract') {
    const profiles = loadDefaultProfiles();
    if (values.jsonl) {
      return answerJsonLines((req) =>
        extractSavedPage(requireString(req, 'path'), requireString(req, 'url'), profiles),
      );
    }
    if (!file || !values.url) throw new UsageError(`extract needs FILE and --url URL\n${USAGE}`);
    const article = await extractSavedPage(file, values.url, profiles);
    process.stdout.write(`${JSON.stringify(article, null, 2)}\n`);
    return;
  }
  if (command === 'parse-feed') {
    if (values.jsonl) {
      return answerJsonLines((req) =>
        feedFromFile(requireString(req, 'path'), typeof req.url === 'string' ? req.url : 'http://localhost/'),
      );
    }
    if (!file) throw new UsageError(`parse-feed needs FILE\n${USAGE}`);
    const feed = await feedFromFile(file, values.url ?? 'http://localhost/');
    process.stdout.write(`${JSON.stringify(feed, null, 2)}\n`);
    return;
  }
  if (command === 'tail') {
    const stop = await tail(
      kafkaClient(),
      file ?? values.topic ?? TOPICS.articles,
      {
        fromBeginning: values['from-beginning'],
        source: values.source,
      },
      print,
    );
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    await stop();
    return;
  }
  if (command === 'dlq') {
    const topic = values.topic ?? TOPICS.rawArticles;
    if (file === 'list') {
      const count = await listDeadLetters(kafkaClient(), topic, print);
      process.stderr.write(`${count} dead letter(s) on ${topic}.dlq\n`);
      return;
    }
    if (file === 'replay') {
      await replayDeadLetters(kafkaClient(), topic, values.offset ? new Set(values.offset) : null, print);
      return;
    }
    throw new UsageError(`dlq needs list or replay\n${USAGE}`);
  }
  if (command === 'reparse') {
    const since = values.since ? new Date(values.since) : null;
    if (!since || Number.isNaN(since.getTime()))
      throw new UsageError(`reparse needs --since ISO_TIME\n${USAGE}`);
    await reparse(kafkaClient(), since, createLogger('reparse'), print);
    return;
  }
  throw new UsageError(`unknown command "${command}"\n${USAGE}`);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
