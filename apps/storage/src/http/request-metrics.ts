import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StorageMetrics } from '../metrics/storage-metrics.js';

/** Express's request once routed: the matched route, when one matched. */
interface RoutedRequest extends IncomingMessage {
  route?: { path?: unknown };
}

/** The label of a request no route matched: its path would give a series per URL a scanner tries. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * Records each answered request's duration by method, route template and status on /metrics: the
 * API's rate, errors (the 503s of an outage or a read timeout among them) and latency per endpoint.
 * A live stream (`text/event-stream`) is left out: it lasts as long as its reader stays.
 */
export function requestMetrics(metrics: StorageMetrics) {
  return (req: RoutedRequest, res: ServerResponse, next: () => void): void => {
    const started = performance.now();
    res.on('finish', () => {
      if (String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) return;
      const route = typeof req.route?.path === 'string' ? req.route.path : UNMATCHED_ROUTE;
      metrics.request(req.method ?? 'GET', route, res.statusCode, (performance.now() - started) / 1000);
    });
    next();
  };
}
