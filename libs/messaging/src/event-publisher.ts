import type { EventOf } from '@news/contracts';
import { CompressionTypes, type Producer, type RecordMetadata } from 'kafkajs';
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
    private readonly producer: Producer,
    /** CloudEvents `source`: the producing service. */
    private readonly source: string,
  ) {}

  async publish<T extends ContractTopic>(topic: T, events: KeyedEvent<T>[]): Promise<RecordMetadata[]> {
    if (events.length === 0) return [];
    return this.producer.send({
      topic,
      acks: -1,
      compression: CompressionTypes.GZIP,
      messages: events.map(({ key, event }) => encodeEvent(topic, key, event, this.source)),
    });
  }
}
