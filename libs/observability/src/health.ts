export type Check = { status: 'up' } | { status: 'down'; error: string };

/** Runs a readiness probe with a time limit: a dependency that hangs counts as down. */
export async function checkWithin(probe: () => Promise<unknown>, timeoutMs = 3000): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export interface Readiness<Name extends string> {
  status: 'ok' | 'unavailable';
  checks: Record<Name, Check>;
}

/** Readiness of several dependencies at once: ok only when every one is up. */
export async function readiness<Name extends string>(
  probes: Record<Name, () => Promise<unknown>>,
): Promise<Readiness<Name>> {
  const names = Object.keys(probes) as Name[];
  const results = await Promise.all(names.map((name) => checkWithin(probes[name])));
  const checks = Object.fromEntries(names.map((name, i) => [name, results[i]])) as Record<Name, Check>;
  return { status: results.every((r) => r.status === 'up') ? 'ok' : 'unavailable', checks };
}
