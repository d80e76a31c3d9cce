import { envBrokers, loadEnv } from '@news/runtime';
import { z } from 'zod';

export const ParserConfigSchema = z.object({
  KAFKA_BROKERS: envBrokers,
  PARSER_GROUP_ID: z.string().min(1).default('parser'),
});
export type ParserConfig = z.infer<typeof ParserConfigSchema>;

export function loadParserConfig(env: NodeJS.ProcessEnv = process.env): ParserConfig {
  return loadEnv(ParserConfigSchema, env);
}
