import { createServer } from 'node:net';
import { UsageError } from './options.js';

/** Progress lines on stderr, so that stdout holds the result table alone. */
export const say = (message: string) => process.stderr.write(`▸ ${message}\n`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Thrown where a bench notices Ctrl-C, so that its `finally` cleans up on the way out. */
export class Interrupted extends Error {}

/**
 * Ctrl-C or SIGTERM: the first asks the bench to stop at its next check and clean up (stop what it
 * started, drop its databases); a second one exits at once.
 */
export class Interruption {
  interrupted = false;

  constructor(whatStopping: string) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (this.interrupted) process.exit(130);
        say(`${signal}: ${whatStopping} (again to force)`);
        this.interrupted = true;
      });
    }
  }

  check(): void {
    if (this.interrupted) throw new Interrupted();
  }
}

/** A loopback port nothing listens on right now, for a service the bench starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/**
 * Runs a bench's `main` and exits with its code: 130 when interrupted (Ctrl-C), 1 with the error
 * on stderr when it failed.
 */
export function runBench(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof Interrupted) process.exit(130);
      const text =
        error instanceof UsageError
          ? error.message
          : error instanceof Error
            ? (error.stack ?? error.message)
            : String(error);
      process.stderr.write(`${name}: ${text}\n`);
      process.exit(1);
    },
  );
}
