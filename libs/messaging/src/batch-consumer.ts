import type { Consumer, KafkaMessage, Producer } from 'kafkajs';
import type { EventSender } from './event-publisher.js';

export type BatchHandler = (messages: KafkaMessage[], partition: number) => Promise<void>;

/** Handles one batch; what it publishes goes through `sender`, the batch's transaction. */
export type TransactionalBatchHandler = (
  messages: KafkaMessage[],
  partition: number,
  sender: EventSender,
) => Promise<void>;

/** How often a batch still being handled heartbeats (kafkajs sends at most one per heartbeatInterval, 3 s). */
export const BATCH_HEARTBEAT_MS = 1000;

/**
 * Runs `work`, heartbeating every BATCH_HEARTBEAT_MS meanwhile. kafkajs heartbeats only between
 * batches, so a batch slower than the session timeout (30 s: a database under load, pages slow to
 * extract) would get its member removed from the group, and the batch handed to another member
 * and done twice, or again and again if every attempt is as slow. This is the consumer's
 * backpressure: it fetches no more than it has handled, however long handling takes, and stays in
 * the group meanwhile. A heartbeat that fails (a rebalance under way) is left to the heartbeat
 * after the batch to report.
 */
export async function heartbeatWhile<T>(heartbeat: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => void heartbeat().catch(() => undefined), BATCH_HEARTBEAT_MS);
  // A handler left hanging by a shutdown must not keep the process alive through this timer.
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/**
 * At-least-once consumption: a batch's offsets are resolved and committed
 * only after the handler's side effects (a produce, a database commit)
 * succeeded. A handler that throws gets the batch again, with kafkajs's
 * retry backoff, so nothing already accepted is skipped. A slow handler
 * keeps its place in the group (heartbeatWhile).
 */
export async function consumeBatches(consumer: Consumer, handle: BatchHandler): Promise<void> {
  await consumer.run({
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, heartbeat }) => {
      if (batch.messages.length === 0) return;
      await heartbeatWhile(heartbeat, () => handle(batch.messages, batch.partition));
      resolveOffset(batch.lastOffset());
      await commitOffsetsIfNecessary();
      await heartbeat();
    },
  });
}

/**
 * Exactly-once consume-transform-produce: everything a batch publishes and
 * the batch's consumed offsets are committed in one Kafka transaction. A
 * consumer reading read_committed sees each batch's output once, even when
 * the process dies mid-batch (the transaction is aborted and the batch read
 * again). `producer` must be transactional.
 */
export async function consumeBatchesTransactionally(
  consumer: Consumer,
  producer: Producer,
  groupId: string,
  handle: TransactionalBatchHandler,
): Promise<void> {
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      if (batch.messages.length === 0) return;
      const transaction = await producer.transaction();
      try {
        await heartbeatWhile(heartbeat, () => handle(batch.messages, batch.partition, transaction));
        await transaction.sendOffsets({
          consumerGroupId: groupId,
          topics: [
            {
              topic: batch.topic,
              partitions: [
                { partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() },
              ],
            },
          ],
        });
        await transaction.commit();
      } catch (error) {
        await transaction.abort();
        throw error;
      }
      resolveOffset(batch.lastOffset());
      await heartbeat();
    },
  });
}
