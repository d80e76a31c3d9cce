import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The API answers JSON and text only, so its pages may load nothing at all; the Swagger UI
 * page needs its own scripts, styles and data: images from this origin. Swagger UI's bundle
 * and init script are served as files (no inline script, no eval), but its HTML and React
 * set inline styles. `upgrade-insecure-requests` is off because the service is reached over
 * plain HTTP (127.0.0.1:3000), where browsers would otherwise upgrade the page's assets to https.
 */
const API_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
  },
};

const DOCS_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/**
 * The dashboard page at `/` (apps/storage/dashboard) loads its bundled script, stylesheet and
 * fonts from this origin and reads the API from it (fetch and EventSource: connect-src). Stricter
 * than the docs' policy: no inline script or style and no eval anywhere (what the page writes
 * through CSSOM, uPlot's sizes and the source bars, needs no 'unsafe-inline'), fonts from this
 * origin only (no data: URLs), no images beyond its own SVG favicon. form-action stays 'self' so
 * the search form, should its script not run, submits nowhere else.
 */
const DASHBOARD_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    fontSrc: ["'self'"],
    imgSrc: ["'self'"],
    connectSrc: ["'self'"],
    manifestSrc: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** helmet's headers on every response, with the CSP the path needs. */
export function securityHeaders(docsPath: string): Middleware {
  const api = helmet({ contentSecurityPolicy: API_CSP });
  const docs = helmet({ contentSecurityPolicy: DOCS_CSP });
  const dashboard = helmet({ contentSecurityPolicy: DASHBOARD_CSP });
  const prefix = `/${docsPath}`;
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0];
    const isDocs = path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}-json`);
    // Only the page itself: its files (under /dashboard/) are not documents and keep the API's.
    if (path === '/') dashboard(req, res, next);
    else (isDocs ? docs : api)(req, res, next);
  };
}
