import type { IncomingMessage, ServerResponse } from 'node:http';
import { Histogram, type Registry } from 'prom-client';

/** Express's request once routed: the matched route, when one matched. */
interface RoutedRequest extends IncomingMessage {
  route?: { path?: unknown };
}

type Middleware = (req: RoutedRequest, res: ServerResponse, next: () => void) => void;

/** The label of a request no route matched: its path would give a series per URL a scanner tries. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * Records each answered request's duration on `registry` as
 * `news_<service>_http_request_duration_seconds{method,route,status}`: an API's rate, errors and
 * latency per endpoint. `route` is the matched route's template (`/articles/:id`), never the path.
 * A live stream (`text/event-stream`) is left out: it lasts as long as its reader stays. Buckets
 * run from 5 ms to 10 s, storage's default read limit.
 */
export function httpRequestMetrics(registry: Registry, service: string): Middleware {
  const seconds = new Histogram({
    name: `news_${service}_http_request_duration_seconds`,
    help: 'Duration of HTTP requests, by method, route template and status code (live streams left out)',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      if (String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) return;
      const route = typeof req.route?.path === 'string' ? req.route.path : UNMATCHED_ROUTE;
      seconds.observe(
        { method: req.method ?? 'GET', route, status: String(res.statusCode) },
        (performance.now() - started) / 1000,
      );
    });
    next();
  };
}
