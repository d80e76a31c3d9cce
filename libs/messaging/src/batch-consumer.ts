import type { Consumer, KafkaMessage } from 'kafkajs';

export type BatchHandler = (messages: KafkaMessage[], partition: number) => Promise<void>;

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
