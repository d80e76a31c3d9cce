import { describe, expect, it } from '@jest/globals';
import { metricValue, seriesGrowth } from '../../../test/support/metrics.js';
import { articleEvent, sendArticles, testSource, useStorage } from './storage-app.js';

interface OpenApiDocument {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: object }>>;
  components: { schemas: Record<string, unknown> };
}

/** Every `$ref` anywhere in a JSON value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      k === '$ref' && typeof v === 'string' ? [v] : refsIn(v),
    );
  }
  return [];
}

describe('storage HTTP surface: OpenAPI, security headers, metrics, validation', () => {
  const storage = useStorage();

  it('serves Swagger UI at /docs, whose scripts load from this origin under its CSP', async () => {
    const page = await storage.get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('<div id="swagger-ui"></div>');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('upgrade-insecure-requests');
    // The page's own scripts, which that CSP must allow: same origin, served as files.
    const scripts = [...page.text.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual([
      './docs/swagger-ui-bundle.js',
      './docs/swagger-ui-standalone-preset.js',
      './docs/swagger-ui-init.js',
    ]);
    for (const script of scripts) {
      const res = await storage.get(`/${script.slice(2)}`);
      expect({ script, status: res.status }).toEqual({ script, status: 200 });
    }
  });

  it('serves an OpenAPI 3 document at /docs-json listing every endpoint and the article query parameters', async () => {
    const { status, body } = await storage.get<OpenApiDocument>('/docs-json');
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(body.info.title).toBe('news-ingestion storage');
    expect(Object.keys(body.paths).sort()).toEqual([
      '/articles',
      '/articles/stream',
      '/articles/{id}',
      '/articles/{id}/revisions',
      '/feeds/health',
      '/health',
      '/metrics',
      '/sources',
      '/stats',
      '/topics',
      '/topics/trending',
      '/topics/{topic}/timeseries',
    ]);
    for (const [path, item] of Object.entries(body.paths)) {
      expect({ path, methods: Object.keys(item) }).toEqual({ path, methods: ['get'] });
      expect(Object.keys(item.get.responses)).toContain('200');
    }
    expect(body.paths['/articles'].get.parameters?.map((p) => `${p.in}:${p.name}`).sort()).toEqual([
      'query:cursor',
      'query:from',
      'query:limit',
      'query:q',
      'query:since',
      'query:source',
      'query:to',
      'query:topic',
      'query:view',
    ]);
    expect(body.paths['/articles/{id}/revisions'].get.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual([
      'path:id',
    ]);
    // The database's 503 (outage or read timeout) is declared where the database is read.
    const with503 = Object.keys(body.paths).filter((path) => '503' in body.paths[path].get.responses);
    expect(with503.sort()).toEqual([
      '/articles',
      '/articles/{id}',
      '/articles/{id}/revisions',
      '/feeds/health',
      '/health',
      '/sources',
      '/stats',
      '/topics',
      '/topics/trending',
      '/topics/{topic}/timeseries',
    ]);
    const refs = [...new Set(refsIn(body.paths))];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const name = ref.replace('#/components/schemas/', '');
      expect({ ref, defined: name in body.components.schemas }).toEqual({ ref, defined: true });
    }
  });

  it('times every API request on /metrics by method, route template and status; unknown paths share one label', async () => {
    const request = (labels: string) => `news_storage_http_request_duration_seconds_count{${labels}}`;
    const series = {
      ok: request('method="GET",route="/topics",status="200"'),
      notFound: request('method="GET",route="/articles/:id",status="404"'),
      invalid: request('method="GET",route="/articles",status="400"'),
      unmatched: request('method="GET",route="unmatched",status="404"'),
    };
    const metricsText = async () => (await storage.get('/metrics')).text;
    // The tests of this file share the app: count what this one does, as they run one at a time.
    const growth = await seriesGrowth(metricsText, series, async () => {
      expect((await storage.get('/topics?window=24h')).status).toBe(200);
      for (const id of ['0123456789abcdef0123456789abcdef', 'fedcba9876543210fedcba9876543210'])
        expect((await storage.get(`/articles/${id}`)).status).toBe(404);
      expect((await storage.get('/articles?limit=abc')).status).toBe(400);
      for (const path of ['/wp-login.php', '/.env', '/articles/x/y/z'])
        expect((await storage.get(path)).status).toBe(404);
    });
    expect(growth).toEqual({ ok: 1, notFound: 2, invalid: 1, unmatched: 3 });
  });

  it.each(['/articles', '/no-such-route', '/articles?limit=0'])('puts helmet headers on %s', async (path) => {
    const { headers } = await storage.get(path);
    expect(headers.get('content-security-policy')).toBe(
      "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
    );
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(headers.get('x-powered-by')).toBeNull();
  });

  it('exposes Prometheus metrics, the progress counters included, and counts a stored article', async () => {
    const source = testSource('متریک');
    const event = articleEvent('metrics-1', { source, title: 'خبر سنجه', body: 'متن خبر سنجه' });
    await sendArticles([event]);
    await storage.stored(event.id);
    const { status, headers, text } = await storage.get('/metrics');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    for (const name of [
      'news_storage_messages_processed_total',
      'news_storage_messages_failed_total',
      'news_storage_batch_size',
      'news_storage_db_write_duration_seconds',
      'news_storage_fetch_to_store_seconds',
      'news_storage_articles_stored_total',
      'news_storage_dead_lettered_total',
      'news_storage_consumer_lag',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    // Other tests may publish on the shared broker at the same time, so exact totals belong to
    // the unit tests (article-writer.spec.ts); here: our stored article was counted.
    const value = (series: string) => metricValue(text, series) ?? NaN;
    expect(value('news_storage_articles_stored_total')).toBeGreaterThanOrEqual(1);
    expect(value('news_storage_fetch_to_store_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(value('news_storage_messages_processed_total{topic="articles"}')).toBeGreaterThanOrEqual(1);
    expect(value('news_storage_batch_size_count{topic="articles"}')).toBeGreaterThanOrEqual(1);
    expect(
      value('news_storage_db_write_duration_seconds_count{table="articles",outcome="ok"}'),
    ).toBeGreaterThanOrEqual(1);
    // The batch that stored it reported how far behind its partition's end the consumer was.
    expect(text).toMatch(/^news_storage_consumer_lag\{topic="news\.articles\.v1",partition="\d"\} \d+$/m);
  }, 60_000);

  it.each([
    ['/articles?q=', 'q'],
    ['/articles?q=%D8%A7', 'q'], // one letter (ا)
    ['/articles?q=%E2%80%8C%20%E2%80%8C', 'q'], // only ZWNJs and a space: nothing left to search
    [`/articles?q=${'ب'.repeat(201)}`, 'q'],
    ['/articles?q=%00%00abc', 'q'],
    ['/articles?q=a&q=b', 'q'],
    ['/articles?from=yesterday', 'from'],
    ['/articles?from=2025-02-29', 'from'],
    ['/articles?from=2025-10-01T08:00:00', 'from'], // no offset: ambiguous
    ['/articles?to=2025-13-01T00:00:00Z', 'to'],
    ['/articles?to=%27%20OR%201%3D1%20--', 'to'],
    ['/articles?from=2025-10-02&to=2025-10-01', 'to'],
    ['/articles?since=2025-10-02T00:00:00Z&to=2025-10-02T00:00:00Z', 'to'],
    ['/articles?source=%00', 'source'],
    ['/articles?limit=1.5', 'limit'],
    ['/articles?limit=1e9', 'limit'],
    ['/articles?limit=-1', 'limit'],
    [
      `/articles?cursor=${Buffer.from(`-100000-01-01T00:00:00.000Z|${'a'.repeat(32)}`).toString('base64url')}`,
      'cursor',
    ],
    [
      `/articles?cursor=${Buffer.from(`2025-01-01T00:00:00Z|${'a'.repeat(32)}`).toString('base64url')}`,
      'cursor',
    ],
    ['/articles?sourc=ilna', 'sourc'],
    ['/sources?limit=5', 'limit'],
    ['/feeds/health?status=failing', 'status'],
    [`/articles/${'a'.repeat(32)}/revisions?limit=1`, 'limit'],
    ['/metrics?name=x', 'name'],
  ])('answers %s with a 400 naming %s', async (path, parameter) => {
    const { status, body } = await storage.get<{ message: string }>(path);
    expect({ path, status }).toEqual({ path, status: 400 });
    expect(body.message).toContain(parameter);
  });

  it('matches % and _ in q as themselves, not as LIKE wildcards', async () => {
    const source = testSource('نویسه');
    const event = articleEvent('wildcards', { source, title: 'دستمزد ۱۰۰ درصد', body: 'افزایش یافت' });
    await sendArticles([event]);
    await storage.stored(event.id);
    const found = async (q: string) => {
      const { status, body } = await storage.get<{ items: { id: string }[] }>(
        `/articles?source=${source.id}&q=${encodeURIComponent(q)}`,
      );
      expect(status).toBe(200);
      return body.items.map((a) => a.id);
    };
    expect(await found('دستمزد ۱۰۰')).toEqual([event.id]);
    // As wildcards these would match "دستمزد100درصد".
    expect(await found('دستمزد%درصد')).toEqual([]);
    expect(await found('دستمزد_00')).toEqual([]);
  }, 60_000);
});
