import { Histogram, Registry } from 'prom-client';

/** What /metrics tells about parsing beyond the progress counters. */
export class ParserMetrics {
  readonly registry = new Registry();
  readonly extractionSeconds = new Histogram({
    name: 'news_parser_extraction_seconds',
    help: 'parser: time to turn one raw page into an article (or a dead letter)',
    buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: 'news_parser_batch_size',
    help: 'parser: raw messages per consumed batch',
    buckets: [1, 5, 10, 25, 50, 100, 250, 500],
    registers: [this.registry],
  });
}
