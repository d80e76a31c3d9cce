import { createRequire } from 'node:module';
import { Kafka, logLevel, Partitioners, type LogEntry, type Producer } from 'kafkajs';
import type { Logger } from 'pino';

// kafkajs's own table of broker error codes (2.2.x has no public export of it).
const { errorCodes } = createRequire(import.meta.url)('kafkajs/src/protocol/error.js') as {
  errorCodes: { message: string; retriable: boolean }[];
};
const RETRIABLE_ERRORS = new Set(errorCodes.filter((e) => e.retriable).map((e) => e.message));

/**
 * kafkajs logs every error response at ERROR, even one it is about to retry (a coordinator still
 * loading, CONCURRENT_TRANSACTIONS while the previous transaction completes). Those are WARN here:
 * ERROR stays for what reaches the application.
 */
export function kafkaLogLevel({ level, log }: Pick<LogEntry, 'level' | 'log'>): logLevel {
  const retried =
    level === logLevel.ERROR &&
    log.message.startsWith('Response ') &&
    RETRIABLE_ERRORS.has((log as { error?: unknown }).error as string);
  return retried ? logLevel.WARN : level;
}

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
}

/** One kafkajs client per process, logging through pino, retrying with exponential backoff. */
export function createKafka(connection: KafkaConnection, logger: Logger): Kafka {
  return new Kafka({
    clientId: connection.clientId,
    brokers: connection.brokers,
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 30_000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const level = kafkaLogLevel(entry);
      const { message, ...rest } = entry.log;
      const fields = { kafka: rest };
      if (level === logLevel.ERROR) logger.error(fields, message);
      else if (level === logLevel.WARN) logger.warn(fields, message);
      else logger.debug(fields, message);
    },
  });
}

/** `KAFKA_BROKERS` is a comma-separated host:port list. */
export function parseBrokers(value: string): string[] {
  return value
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

/**
 * A connected producer with the default (murmur2, Java-compatible) partitioner,
 * so that keys land on the same partitions as with any other Kafka client.
 */
export async function connectProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  return producer;
}

/**
 * A producer for consume-transform-produce transactions. The id must stay the
 * same across restarts of one instance (and differ between instances): on
 * start the broker then aborts what a crashed predecessor left open, instead
 * of making read_committed consumers wait for the transaction timeout.
 */
export async function connectTransactionalProducer(kafka: Kafka, transactionalId: string): Promise<Producer> {
  const producer = kafka.producer({
    transactionalId,
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return producer;
}
