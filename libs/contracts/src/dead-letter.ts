import { z } from 'zod';
import { DLQ_HEADERS } from './cloud-events.js';

const decimal = /^\d+$/;

/**
 * The envelope of a dead letter on `<topic>.dlq`. The value is the original
 * message's bytes, unchanged (it may be invalid JSON: that can be why it is
 * here), the key is the original key, and the original headers are kept; these
 * headers are added. `sourceTopic` narrows `dlq_source_topic` to one topic.
 */
export function deadLetterHeadersSchema(sourceTopic?: string) {
  return z.object({
    [DLQ_HEADERS.reason]: z
      .string()
      .min(1)
      .max(2000)
      .describe('Why the consumer rejected the message, for a person to act on.'),
    [DLQ_HEADERS.sourceTopic]: (sourceTopic === undefined
      ? z.string().min(1)
      : z.literal(sourceTopic)
    ).describe('The topic the message was consumed from, where `dlq replay` sends it back.'),
    [DLQ_HEADERS.sourcePartition]: z
      .string()
      .regex(decimal)
      .describe('Partition of the original message (decimal).'),
    [DLQ_HEADERS.sourceOffset]: z
      .string()
      .regex(decimal)
      .describe('Offset of the original message (decimal).'),
    [DLQ_HEADERS.failedAt]: z.iso.datetime().describe('When it was rejected (UTC).'),
  });
}

export const DeadLetterHeadersSchema = deadLetterHeadersSchema();
export type DeadLetterHeaders = z.infer<typeof DeadLetterHeadersSchema>;
