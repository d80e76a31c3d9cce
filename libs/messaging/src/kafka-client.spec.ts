import { describe, expect, it } from '@jest/globals';
import kafkajs from 'kafkajs';
import { kafkaLogLevel } from './kafka-client.js';

const { logLevel } = kafkajs;

const entry = (level: number, message: string, error?: string) => ({
  level,
  log: { timestamp: '2026-11-27T00:00:00.000Z', logger: 'kafkajs', message, ...(error ? { error } : {}) },
});

describe('kafkaLogLevel', () => {
  it('reports an error response kafkajs will retry as a warning', () => {
    for (const error of [
      'The group coordinator is not available',
      'The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing',
    ])
      expect(
        kafkaLogLevel(entry(logLevel.ERROR, 'Response AddPartitionsToTxn(key: 24, version: 1)', error)),
      ).toBe(logLevel.WARN);
  });

  it('keeps errors that are not retried, and every other entry, at their level', () => {
    expect(
      kafkaLogLevel(
        entry(
          logLevel.ERROR,
          'Response Produce(key: 0, version: 7)',
          'The producer attempted a transactional operation in an invalid state',
        ),
      ),
    ).toBe(logLevel.ERROR);
    expect(
      kafkaLogLevel(
        entry(
          logLevel.ERROR,
          'Crash: KafkaJSNumberOfRetriesExceeded',
          'The group coordinator is not available',
        ),
      ),
    ).toBe(logLevel.ERROR);
    expect(kafkaLogLevel(entry(logLevel.WARN, 'Response Metadata(key: 3, version: 6)'))).toBe(logLevel.WARN);
  });
});
