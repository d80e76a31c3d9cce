import { envBoolean, envBrokers, envPort, envPositiveInt, loadEnv } from '@news/runtime';
import { DEFAULT_PAGE_TIMEOUT_MS } from '@news/extraction';
import { hostname } from 'node:os';
import { z } from 'zod';

export const ParserConfigSchema = z.object({
  KAFKA_BROKERS: envBrokers,
  PARSER_GROUP_ID: z.string().min(1).default('parser'),
  /** /health and /metrics; loopback by default. */
  PARSER_PORT: envPort(3002),
  PARSER_HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * exactly-once: each batch's articles, dead letters and consumed offsets in one Kafka
   * transaction (read_committed consumers see each result once); at-least-once: plain
   * sends, offsets committed after them (duplicates possible after a crash).
   */
  PARSER_DELIVERY: z
    .enum(['exactly-once', 'at-least-once'], { error: 'expected exactly-once or at-least-once' })
    .default('exactly-once'),
  /** How long raw pages stay replayable by `npm run cli -- reparse`; the parser applies it at start. */
  RAW_ARTICLES_RETENTION_DAYS: envPositiveInt(30),
  /**
   * true: news.articles.v1 keeps the latest version of each article by key (compaction),
   * for consumers that bootstrap a full copy; false: it keeps everything for its retention.
   */
  ARTICLES_TOPIC_COMPACTED: envBoolean(false),
  /**
   * The time one page's extraction may take, in milliseconds; a page over it goes to the
   * dead-letter topic ("extraction exceeded N ms") instead of holding up its partition.
   */
  PARSER_PAGE_TIMEOUT_MS: envPositiveInt(DEFAULT_PAGE_TIMEOUT_MS),
  /** Stable per instance across restarts, distinct between instances. */
  PARSER_TRANSACTIONAL_ID: z.string().min(1).default(`parser-${hostname()}`),
});
export type ParserConfig = z.infer<typeof ParserConfigSchema>;

export function loadParserConfig(env: NodeJS.ProcessEnv = process.env): ParserConfig {
  return loadEnv(ParserConfigSchema, env);
}
