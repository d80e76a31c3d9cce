import type { Logger } from 'pino';
import { ConfigError } from './env.js';

/**
 * Runs a service's start-up and turns a bad configuration into one line on
 * stderr and exit code 1, instead of a stack trace.
 */
export async function runService(name: string, start: () => Promise<void>, logger?: Logger): Promise<void> {
  try {
    await start();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${name}: ${error.message}\n`);
    } else if (logger) {
      logger.fatal({ err: error }, `${name} failed to start`);
    } else {
      process.stderr.write(`${name} failed to start: ${(error as Error).stack ?? String(error)}\n`);
    }
    process.exit(1);
  }
}
