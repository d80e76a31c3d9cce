import { DEAD_LETTER_SOURCE_TOPICS, deadLetterTopic } from '@news/contracts';
import type { Admin } from 'kafkajs';

/** How long /stats waits for the broker before it answers without dead-letter counts. */
export const DEAD_LETTER_TIMEOUT_MS = 3_000;

export const DEAD_LETTER_TOPICS: readonly string[] = DEAD_LETTER_SOURCE_TOPICS.map(deadLetterTopic);

/**
 * Messages held by a topic, from its partitions' offsets (end minus start): no consumer, no
 * reading of the messages. Where a producer writes in Kafka transactions (the parser does by
 * default), each transaction's commit marker takes an offset too, so the figure is an upper bound
 * there; it is exact for the storage's own dead letters, sent without transactions.
 */
export function heldMessages(offsets: readonly { low: string; high: string }[]): number {
  return offsets.reduce((sum, o) => sum + Math.max(0, Number(o.high) - Number(o.low)), 0);
}

/**
 * Messages held by each dead-letter topic; null for a topic the broker did not describe in time
 * (the rest of /stats comes from PostgreSQL and should not wait on Kafka).
 */
export async function deadLetterCounts(
  admin: Pick<Admin, 'fetchTopicOffsets'>,
  onError: (topic: string, error: unknown) => void,
  timeoutMs = DEAD_LETTER_TIMEOUT_MS,
): Promise<Record<string, number | null>> {
  const counts = await Promise.all(
    DEAD_LETTER_TOPICS.map(async (topic) => {
      try {
        return [topic, heldMessages(await withTimeout(admin.fetchTopicOffsets(topic), timeoutMs))] as const;
      } catch (error) {
        onError(topic, error);
        return [topic, null] as const;
      }
    }),
  );
  return Object.fromEntries(counts);
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
