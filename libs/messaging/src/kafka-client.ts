import { Kafka, logLevel, Partitioners, type LogEntry, type Producer } from 'kafkajs';
import type { Logger } from 'pino';

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
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...rest } = log;
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
