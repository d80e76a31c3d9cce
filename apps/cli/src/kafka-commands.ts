import { randomUUID } from 'node:crypto';
import { deadLetterTopic, DLQ_HEADERS, TOPICS } from '@news/contracts';
import { loadDefaultProfiles } from '@news/extraction';
import { connectProducer, headerValue, readTopicRange } from '@news/messaging';
import { ProgressCounters, type Logger } from '@news/observability';
import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import {
  ArticleParser,
  PARSER_COUNTERS,
  type ParserCounter,
} from '../../parser/src/article-parser.service.js';

type Write = (line: string) => void;

/** One line per event: the article's date, source and title; other events as compact JSON. */
export function formatEvent(topic: string, message: KafkaMessage, partition: number): string {
  const where = `${partition}:${message.offset}`;
  const value = message.value?.toString('utf8') ?? '';
  if (topic === TOPICS.articles) {
    try {
      const a = JSON.parse(value) as {
        publishedAt?: string | null;
        source?: { id?: string };
        title?: string;
        tags?: string[];
      };
      const tags = a.tags?.length ? `  #${a.tags.slice(0, 5).join(' #')}` : '';
      return `${where}  ${a.publishedAt ?? 'no date'}  [${a.source?.id ?? '?'}]  ${a.title ?? '(no title)'}${tags}`;
    } catch {
      return `${where}  (not JSON) ${value.slice(0, 120)}`;
    }
  }
  return `${where}  key=${message.key?.toString() ?? ''}  ${value.slice(0, 300)}`;
}

/** The source id of an article event, or null for anything else. */
function sourceOf(message: KafkaMessage): string | null {
  try {
    return (
      (JSON.parse(message.value?.toString('utf8') ?? '') as { source?: { id?: string } }).source?.id ?? null
    );
  } catch {
    return null;
  }
}

/** Follows a topic until interrupted, printing each event; `source` keeps one source's articles. */
export async function tail(
  kafka: Kafka,
  topic: string,
  options: { fromBeginning: boolean; source?: string },
  write: Write,
): Promise<() => Promise<void>> {
  const consumer = kafka.consumer({ groupId: `tail-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: options.fromBeginning });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ message, partition }) => {
      if (options.source && sourceOf(message) !== options.source) return;
      write(formatEvent(topic, message, partition));
    },
  });
  return () => consumer.disconnect();
}

/** Every dead letter of a topic: where it came from and why it was rejected. */
export async function listDeadLetters(kafka: Kafka, sourceTopic: string, write: Write): Promise<number> {
  return readTopicRange(
    kafka,
    deadLetterTopic(sourceTopic),
    { kind: 'earliest' },
    async (message, partition) => {
      const h = (name: string) => headerValue(message.headers, name) ?? '?';
      write(
        `${partition}:${message.offset}  key=${message.key?.toString() ?? ''}  from=${h(DLQ_HEADERS.sourceTopic)}` +
          `@${h(DLQ_HEADERS.sourcePartition)}:${h(DLQ_HEADERS.sourceOffset)}  at=${h(DLQ_HEADERS.failedAt)}  reason=${h(DLQ_HEADERS.reason)}`,
      );
    },
  );
}

/**
 * Sends dead letters back to the topic they came from, unchanged but for the
 * dead-letter headers, so that a fixed service processes them again. `only`
 * limits the replay to the given dead-letter offsets.
 */
export async function replayDeadLetters(
  kafka: Kafka,
  sourceTopic: string,
  only: Set<string> | null,
  write: Write,
): Promise<number> {
  const producer = await connectProducer(kafka);
  let replayed = 0;
  try {
    await readTopicRange(kafka, deadLetterTopic(sourceTopic), { kind: 'earliest' }, async (message) => {
      if (only && !only.has(message.offset)) return;
      const target = headerValue(message.headers, DLQ_HEADERS.sourceTopic) ?? sourceTopic;
      await producer.send({
        topic: target,
        messages: [
          { key: message.key, value: message.value, headers: withoutDeadLetterHeaders(message.headers) },
        ],
      });
      replayed++;
    });
  } finally {
    await producer.disconnect();
  }
  write(`replayed ${replayed} dead letter(s) to ${sourceTopic}`);
  return replayed;
}

function withoutDeadLetterHeaders(headers: IHeaders | undefined): IHeaders {
  const dlq = new Set<string>(Object.values(DLQ_HEADERS));
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !dlq.has(name)));
}

const REPARSE_BATCH = 100;

/**
 * Re-reads raw articles fetched since a time and publishes them again through
 * the parser's own code, so that an improved extractor can fix history.
 * Storage takes the re-parsed articles as new revisions when they changed.
 */
export async function reparse(kafka: Kafka, since: Date, logger: Logger, write: Write): Promise<number> {
  const producer = await connectProducer(kafka);
  const counters = new ProgressCounters<ParserCounter>('reparse', PARSER_COUNTERS);
  const parser = new ArticleParser(loadDefaultProfiles(), counters, logger);
  const pending = new Map<number, KafkaMessage[]>();
  const flush = async (partition: number) => {
    const batch = pending.get(partition) ?? [];
    pending.delete(partition);
    if (batch.length > 0) await parser.handleBatch(batch, partition, producer);
  };
  try {
    const read = await readTopicRange(
      kafka,
      TOPICS.rawArticles,
      { kind: 'timestamp', since },
      async (message, partition) => {
        const batch = pending.get(partition) ?? [];
        batch.push(message);
        pending.set(partition, batch);
        if (batch.length >= REPARSE_BATCH) await flush(partition);
      },
    );
    for (const partition of [...pending.keys()]) await flush(partition);
    const totals = await counters.snapshot();
    write(
      `re-parsed ${read} raw article(s) fetched since ${since.toISOString()}: ` +
        `${totals['articles-parsed']} published, ${totals['dead-lettered']} dead-lettered`,
    );
    return read;
  } finally {
    await producer.disconnect();
  }
}
