import { TOPICS } from '@news/contracts';
import type { EventPublisher } from '@news/messaging';
import { rawArticleBatch } from './raw-article-events.js';

export interface ProduceResult {
  events: number;
  htmlBytes: number;
  /** performance.now() and wall clock when the first send started. */
  firstSendAt: number;
  firstSendWallClock: Date;
  /** From the first send's start to the last send's acknowledgement. */
  elapsedMs: number;
  /** The part of elapsedMs spent waiting for producer.send (validate, encode, gzip, broker ack). */
  sendMs: number;
  /** The part spent rendering pages; it belongs to the benchmark, not to the pipeline. */
  renderMs: number;
}

/**
 * Sends every page as fast as one producer allows: batches of `batchSize`
 * through EventPublisher, so each message has the fetcher's validation,
 * CloudEvents headers, gzip and acks = -1. Pages are rendered batch by batch
 * right before sending, so `fetchedAt` is the moment the event is produced.
 */
export async function produceRawArticles(
  publisher: EventPublisher,
  numbers: readonly number[],
  batchSize: number,
  shouldStop: () => boolean,
): Promise<ProduceResult> {
  let htmlBytes = 0;
  let sendMs = 0;
  let renderMs = 0;
  let events = 0;
  const firstSendAt = performance.now();
  const firstSendWallClock = new Date();
  for (let i = 0; i < numbers.length && !shouldStop(); i += batchSize) {
    const renderStarted = performance.now();
    const batch = rawArticleBatch(numbers.slice(i, i + batchSize));
    for (const message of batch) htmlBytes += Buffer.byteLength(message.event.html);
    const sendStarted = performance.now();
    renderMs += sendStarted - renderStarted;
    await publisher.publish(TOPICS.rawArticles, batch);
    sendMs += performance.now() - sendStarted;
    events += batch.length;
  }
  return {
    events,
    htmlBytes,
    firstSendAt,
    firstSendWallClock,
    elapsedMs: performance.now() - firstSendAt,
    sendMs,
    renderMs,
  };
}
