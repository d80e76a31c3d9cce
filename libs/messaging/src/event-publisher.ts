import type { EventOf } from '@news/contracts';
import { CompressionTypes, type Message, type Producer, type RecordMetadata } from 'kafkajs';

/** Anything that sends records: a producer, or a transaction of one (whose sends commit or abort together). */
export type EventSender = Pick<Producer, 'send'>;
import { encodeEvent, type ContractTopic } from './codec.js';

export interface KeyedEvent<T extends ContractTopic> {
  key: string;
  event: EventOf<T>;
}

/**
 * Validated, CloudEvents-stamped publishing. `send` resolves only when every
 * in-sync replica has the messages (acks = -1), so a caller that records
 * progress after it never records what Kafka does not have.
 */
export class EventPublisher {
  constructor(
    private readonly producer: EventSender,
    /** CloudEvents `source`: the producing service. */
    private readonly source: string,
  ) {}

  async publish<T extends ContractTopic>(topic: T, events: KeyedEvent<T>[]): Promise<RecordMetadata[]> {
    const messages = events.map(({ key, event }) => encodeEvent(topic, key, event, this.source));
    const sent: RecordMetadata[] = [];
    for (const chunk of chunkBySize(messages, MAX_SEND_BYTES)) {
      sent.push(
        ...(await this.producer.send({
          topic,
          acks: -1,
          compression: CompressionTypes.GZIP,
          messages: chunk,
        })),
      );
    }
    return sent;
  }
}

/**
 * Brokers refuse a record batch over the topic's max.message.bytes (1 MB by
 * default); keeping each send under that, before compression, means a batch
 * never fails for its size, whatever the topic's setting.
 */
const MAX_SEND_BYTES = 900 * 1024;

function chunkBySize(messages: Message[], maxBytes: number): Message[][] {
  const chunks: Message[][] = [];
  let current: Message[] = [];
  let size = 0;
  for (const message of messages) {
    const bytes = Buffer.byteLength(message.value as string);
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(message);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
