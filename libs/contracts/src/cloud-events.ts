import { randomUUID } from 'node:crypto';

/** CloudEvents 1.0, Kafka protocol binding, binary content mode. */
export interface CloudEventAttributes {
  type: string;
  source: string;
  subject?: string;
  time?: Date;
}

export type KafkaHeaders = Record<string, string>;

export function cloudEventHeaders(attrs: CloudEventAttributes): KafkaHeaders {
  const headers: KafkaHeaders = {
    ce_specversion: '1.0',
    ce_id: randomUUID(),
    ce_type: attrs.type,
    ce_source: attrs.source,
    ce_time: (attrs.time ?? new Date()).toISOString(),
    'content-type': 'application/json',
  };
  if (attrs.subject) headers.ce_subject = attrs.subject;
  return headers;
}

/** Dead-letter headers: why the message was rejected and where it came from. */
export const DLQ_HEADERS = {
  reason: 'dlq_reason',
  sourceTopic: 'dlq_source_topic',
  sourcePartition: 'dlq_source_partition',
  sourceOffset: 'dlq_source_offset',
  failedAt: 'dlq_failed_at',
} as const;
