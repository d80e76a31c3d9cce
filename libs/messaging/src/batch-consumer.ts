import type { Consumer, KafkaMessage, Producer } from 'kafkajs';
import type { EventSender } from './event-publisher.js';

export type BatchHandler = (messages: KafkaMessage[], partition: number) => Promise<void>;

/** Handles one batch; what it publishes goes through `sender`, the batch's transaction. */
export type TransactionalBatchHandler = (
  messages: KafkaMessage[],
  partition: number,
  sender: EventSender,
) => Promise<void>;

/**
 * At-least-once consumption: a batch's offsets are resolved and committed
 * only after the handler's side effects (a produce, a database commit)
 * succeeded. A handler that throws gets the batch again, with kafkajs's
 * retry backoff, so nothing already accepted is skipped.
 */
export async function consumeBatches(consumer: Consumer, handle: BatchHandler): Promise<void> {
  await consumer.run({
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, heartbeat }) => {
      if (batch.messages.length === 0) return;
      await handle(batch.messages, batch.partition);
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
        await handle(batch.messages, batch.partition, transaction);
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
