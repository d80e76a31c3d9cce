import kafkajs, { Kafka, logLevel, type IHeaders, type KafkaMessage } from 'kafkajs';

const { ConfigResourceTypes } = kafkajs;
import { ensurePipelineTopics } from '@news/messaging';
import { KAFKA_BROKERS, uniqueName } from './env.js';

export const kafka = new Kafka({
  clientId: 'tests',
  brokers: KAFKA_BROKERS.split(','),
  logLevel: logLevel.NOTHING,
});

export const createPipelineTopics = (): Promise<void> => ensurePipelineTopics(kafka);

/**
 * Moves a new consumer group to the end of a topic, so that services under
 * test read only what this test produces, not what earlier runs left on the
 * shared broker.
 */
export async function startGroupAtEnd(groupId: string, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId,
        topic,
        partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

export interface Received {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]),
  );
}

/** Collects what arrives on a topic from now on (a fresh group placed at the end), until stopped. */
export async function recordTopic(
  topic: string,
): Promise<{ messages: Received[]; stop: () => Promise<void> }> {
  const groupId = uniqueName('recorder');
  await startGroupAtEnd(groupId, [topic]);
  const consumer = kafka.consumer({ groupId });
  const messages: Received[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic });
  await consumer.run({
    eachMessage: async ({ message, partition }: { message: KafkaMessage; partition: number }) => {
      messages.push({
        key: message.key?.toString() ?? null,
        value: message.value?.toString() ?? null,
        headers: headersOf(message.headers),
        partition,
        offset: message.offset,
      });
    },
  });
  return { messages, stop: () => consumer.disconnect() };
}

export async function produceRaw(
  topic: string,
  messages: { key: string; value: string; headers?: Record<string, string> }[],
) {
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}

/**
 * True when a group has committed every partition of a topic up to its end:
 * what a restart of that group would not read again.
 */
export async function groupCaughtUp(groupId: string, topic: string): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return ends.every((end) => {
      const mine = committed.partitions.find((p) => p.partition === end.partition);
      return end.high === '0' || mine?.offset === end.high;
    });
  } finally {
    await admin.disconnect();
  }
}

/** One configuration value of a topic, as the broker reports it. */
export async function topicConfig(topic: string, name: string): Promise<string | undefined> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: [name] }],
    });
    return resources[0]?.configEntries.find((e) => e.configName === name)?.configValue;
  } finally {
    await admin.disconnect();
  }
}
