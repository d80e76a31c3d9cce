import { randomUUID } from 'node:crypto';
import { z } from 'zod';

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

/**
 * What a consumer may rely on in the headers of an event of the given CloudEvents
 * `type` (header values are UTF-8 strings). Other headers may be present and are
 * to be ignored, e.g. tracing headers or, on a dead-letter topic, the `dlq_*` ones.
 */
export function cloudEventHeadersSchema(type: string) {
  return z.object({
    ce_specversion: z.literal('1.0').describe('CloudEvents specification version.'),
    ce_id: z
      .string()
      .min(1)
      .describe('Unique per event (a UUID); a redelivery keeps it, a republish does not.'),
    ce_type: z.literal(type).describe('The event type, fixed per topic.'),
    ce_source: z.string().min(1).describe('The producing service, e.g. `fetcher` or `parser`.'),
    ce_time: z.iso.datetime({ offset: true }).describe('When the event was produced (UTC, RFC 3339).'),
    ce_subject: z.string().min(1).optional().describe('The message key: the article id or the feed id.'),
    'content-type': z.literal('application/json').describe('The value is UTF-8 JSON.'),
  });
}

/** Dead-letter headers: why the message was rejected and where it came from. */
export const DLQ_HEADERS = {
  reason: 'dlq_reason',
  sourceTopic: 'dlq_source_topic',
  sourcePartition: 'dlq_source_partition',
  sourceOffset: 'dlq_source_offset',
  failedAt: 'dlq_failed_at',
} as const;
