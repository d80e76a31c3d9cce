import { deadLetterTopic, DLQ_HEADERS } from '@news/contracts';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { EventSender } from './event-publisher.js';

export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  reason: string;
}

/**
 * Sends the original bytes, key and headers to `<topic>.dlq`, adding why and
 * where from, so that `dlq replay` can send it back unchanged after a fix.
 */
export async function sendToDeadLetter(producer: EventSender, letter: DeadLetter): Promise<void> {
  const headers: IHeaders = {
    ...(letter.message.headers ?? {}),
    [DLQ_HEADERS.reason]: letter.reason.slice(0, 2000),
    [DLQ_HEADERS.sourceTopic]: letter.topic,
    [DLQ_HEADERS.sourcePartition]: String(letter.partition),
    [DLQ_HEADERS.sourceOffset]: letter.message.offset,
    [DLQ_HEADERS.failedAt]: new Date().toISOString(),
  };
  await producer.send({
    topic: deadLetterTopic(letter.topic),
    messages: [{ key: letter.message.key, value: letter.message.value, headers }],
  });
}
