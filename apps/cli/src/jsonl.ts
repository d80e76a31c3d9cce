import { createInterface } from 'node:readline';

/**
 * Reads JSON lines from stdin and writes one answer line per input line, in
 * order. A line that fails gives `{"error": "..."}` and the run goes on.
 */
export async function answerJsonLines(
  handle: (request: Record<string, unknown>) => Promise<unknown>,
): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let answer: unknown;
    try {
      const request: unknown = JSON.parse(line);
      if (typeof request !== 'object' || request === null || Array.isArray(request)) {
        throw new Error('each line must be a JSON object');
      }
      answer = await handle(request as Record<string, unknown>);
    } catch (error) {
      answer = { error: error instanceof Error ? error.message : String(error) };
    }
    process.stdout.write(`${JSON.stringify(answer)}\n`);
  }
}

export function requireString(request: Record<string, unknown>, field: string): string {
  const value = request[field];
  if (typeof value !== 'string' || value === '') throw new Error(`missing string field "${field}"`);
  return value;
}
