export interface QueryCase {
  label: string;
  path: string;
  what: string;
}

export type QueryOutcome =
  | { kind: 'measured'; p50: number; p95: number; max: number; requests: number; bytes: number }
  /** The endpoint is not there (yet): 404 on the first request. */
  | { kind: 'missing'; status: number; message: string }
  | { kind: 'failed'; status: number; message: string };

export interface QueryResult extends QueryCase {
  outcome: QueryOutcome;
}

const WARM_UP_REQUESTS = 5;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

async function request(url: string): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}

/**
 * Latency of one endpoint as a client sees it (request sent → whole body read), over `requests`
 * sequential requests after a few untimed ones: one client at a time, so the figures are the
 * cost of a query, not of queueing behind others.
 */
export async function measureQuery(
  baseUrl: string,
  query: QueryCase,
  requests: number,
): Promise<QueryResult> {
  const url = `${baseUrl}${query.path}`;
  const first = await request(url);
  if (first.status === 404)
    return { ...query, outcome: { kind: 'missing', status: 404, message: first.text.slice(0, 200) } };
  if (first.status !== 200)
    return { ...query, outcome: { kind: 'failed', status: first.status, message: first.text.slice(0, 200) } };
  for (let i = 1; i < WARM_UP_REQUESTS; i++) await request(url);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < requests; i++) {
    const reply = await request(url);
    if (reply.status !== 200)
      return {
        ...query,
        outcome: { kind: 'failed', status: reply.status, message: reply.text.slice(0, 200) },
      };
    times.push(reply.ms);
    bytes = Buffer.byteLength(reply.text);
  }
  times.sort((a, b) => a - b);
  return {
    ...query,
    outcome: {
      kind: 'measured',
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: times[times.length - 1] as number,
      requests,
      bytes,
    },
  };
}
