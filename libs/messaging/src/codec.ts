import {
  cloudEventHeaders,
  EVENT_TYPES,
  TOPIC_SCHEMAS,
  type EventOf,
  type TopicSchemas,
} from '@news/contracts';
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';

export type ContractTopic = keyof TopicSchemas;

/** A message that does not fit its topic's contract, with a reason a person can act on. */
export class InvalidEventError extends Error {
  constructor(
    readonly topic: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'InvalidEventError';
  }
}

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** Validates against the topic's schema and builds the Kafka message (key, CloudEvents headers, JSON value). */
export function encodeEvent<T extends ContractTopic>(
  topic: T,
  key: string,
  event: EventOf<T>,
  source: string,
): Message {
  const parsed = TOPIC_SCHEMAS[topic].safeParse(event);
  if (!parsed.success) {
    throw new InvalidEventError(
      topic,
      `refusing to publish an invalid ${topic} event: ${describeIssues(parsed.error)}`,
    );
  }
  return {
    key,
    value: JSON.stringify(parsed.data),
    headers: cloudEventHeaders({ type: EVENT_TYPES[topic], source, subject: key }),
  };
}

/** Parses and validates a consumed message; throws InvalidEventError naming what is wrong. */
export function decodeEvent<T extends ContractTopic>(topic: T, message: KafkaMessage): EventOf<T> {
  if (!message.value || message.value.length === 0) throw new InvalidEventError(topic, 'empty message value');
  let json: unknown;
  try {
    json = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    throw new InvalidEventError(topic, `value is not JSON: ${(error as Error).message}`);
  }
  const parsed = TOPIC_SCHEMAS[topic].safeParse(json);
  if (!parsed.success)
    throw new InvalidEventError(topic, `schema violation: ${describeIssues(parsed.error)}`);
  return parsed.data as EventOf<T>;
}

export function headerValue(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
