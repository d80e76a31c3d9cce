import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

const IDLE_MS = 5_000;

export type StartAt = { kind: 'earliest' } | { kind: 'timestamp'; since: Date };

interface PartitionRange {
  partition: number;
  from: bigint;
  /** Exclusive: the end of the partition when the read began. */
  to: bigint;
}

/** Where to start and stop reading each partition; empty ranges are left out. */
async function partitionRanges(kafka: Kafka, topic: string, startAt: StartAt): Promise<PartitionRange[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    const byTime =
      startAt.kind === 'timestamp'
        ? await admin.fetchTopicOffsetsByTimestamp(topic, startAt.since.getTime())
        : [];
    return offsets
      .map((o) => {
        const timed = byTime.find((t) => t.partition === o.partition)?.offset;
        // -1 means no message at or after the time: nothing to read in that partition.
        const from =
          startAt.kind === 'earliest' ? o.low : timed === undefined || timed === '-1' ? o.high : timed;
        return { partition: o.partition, from: BigInt(from), to: BigInt(o.high) };
      })
      .filter((r) => r.from < r.to);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads a topic from a start point (the beginning, or the first offset at or
 * after a time) up to its end as it was when the read began, then stops. The
 * throwaway consumer group commits nothing, so tools that replay or inspect a
 * topic never move a service's offsets.
 */
export async function readTopicRange(
  kafka: Kafka,
  topic: string,
  startAt: StartAt,
  handle: (message: KafkaMessage, partition: number) => Promise<void>,
): Promise<number> {
  const ranges = new Map((await partitionRanges(kafka, topic, startAt)).map((r) => [r.partition, r]));
  if (ranges.size === 0) return 0;
  const consumer = kafka.consumer({ groupId: `tool-${randomUUID()}`, maxBytesPerPartition: 1024 * 1024 });
  let read = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  // The last offsets of a range can hold no message to deliver (transaction markers,
  // compacted records): after a quiet spell the read is over all the same.
  let idle = setTimeout(finish, IDLE_MS * 3);
  const stillReading = (): void => {
    clearTimeout(idle);
    idle = setTimeout(finish, IDLE_MS);
  };
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message, partition }) => {
        const range = ranges.get(partition);
        const offset = BigInt(message.offset);
        if (!range || offset < range.from || offset >= range.to) return;
        stillReading();
        await handle(message, partition);
        read++;
        if (offset + 1n >= range.to) {
          ranges.delete(partition);
          if (ranges.size === 0) finish();
        }
      },
    });
    for (const range of ranges.values()) {
      consumer.seek({ topic, partition: range.partition, offset: range.from.toString() });
    }
    await finished;
  } finally {
    clearTimeout(idle);
    await consumer.disconnect();
  }
  return read;
}
