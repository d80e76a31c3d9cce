import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { FetchError } from './fetch-error.js';
import { HttpFetcher, type FetchLimits, type HttpFetcherOptions } from './http-fetcher.js';

const USER_AGENT = 'NewsIngestBot/0.1 (+https://news.example.org/bot)';
const LIMIT = 64 * 1024;
const LIMITS: FetchLimits = { maxBytes: LIMIT, timeoutMs: 10_000 };
const PERSIAN = 'سلام دنیا، این یک خبر فشرده است.';

interface TestServer {
  base: string;
  port: number;
  /** Paths requested, in order. */
  paths: string[];
  headers: IncomingHttpHeaders[];
  connections: number;
  close(): Promise<void>;
}

async function startServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<TestServer> {
  const server = createServer((req, res) => {
    state.paths.push(req.url ?? '');
    state.headers.push(req.headers);
    handler(req, res);
  });
  const state: TestServer = {
    base: '',
    port: 0,
    paths: [],
    headers: [],
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.base = `http://127.0.0.1:${state.port}`;
  return state;
}

/** The FetchError a promise rejects with; fails the test when it resolves or rejects with something else. */
async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const outcome = await promise.then(
    () => 'resolved',
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(FetchError);
  return outcome as FetchError;
}

const zeros = Buffer.alloc(4 * 1024 * 1024); // 4 MiB once inflated, a few KiB compressed
const BOMBS = {
  gzip: gzipSync(zeros),
  br: brotliCompressSync(zeros),
  deflate: deflateSync(zeros),
};
const SMALL = {
  gzip: gzipSync(Buffer.from(PERSIAN)),
  br: brotliCompressSync(Buffer.from(PERSIAN)),
  deflate: deflateSync(Buffer.from(PERSIAN)),
};

function route(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://test.invalid');
  const path = url.pathname;
  let match: RegExpExecArray | null;
  if (path === '/ok') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-test': 'yes' });
    res.end('<p>hello</p>');
  } else if (path === '/exact') {
    res.writeHead(200, { 'content-length': String(LIMIT) });
    res.end(Buffer.alloc(LIMIT, 'a'));
  } else if (path === '/big-length') {
    res.writeHead(200, { 'content-length': String(LIMIT + 1) });
    res.end(Buffer.alloc(LIMIT + 1, 'a'));
  } else if ((match = /^\/chunked\/(\d+)$/.exec(path))) {
    // No Content-Length: the size is only known by reading.
    res.writeHead(200, { 'transfer-encoding': 'chunked', 'content-type': 'text/plain' });
    const chunks = Number(match[1]);
    for (let i = 0; i < chunks; i++) res.write(Buffer.alloc(4096, 'b'));
    res.end();
  } else if ((match = /^\/bomb\/(gzip|br|deflate)$/.exec(path))) {
    const body = BOMBS[match[1] as keyof typeof BOMBS];
    res.writeHead(200, { 'content-encoding': match[1], 'content-length': String(body.length) });
    res.end(body);
  } else if ((match = /^\/small\/(gzip|br|deflate)$/.exec(path))) {
    const body = SMALL[match[1] as keyof typeof SMALL];
    res.writeHead(200, { 'content-encoding': match[1], 'content-type': 'text/plain; charset=utf-8' });
    res.end(body);
  } else if ((match = /^\/hop\/(\d+)$/.exec(path))) {
    const left = Number(match[1]);
    if (left === 0) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('arrived');
    } else {
      // Relative to /hop/N, so the client has to resolve it.
      res.writeHead(302, { location: String(left - 1) });
      res.end();
    }
  } else if ((match = /^\/status-redirect\/(\d+)$/.exec(path))) {
    res.writeHead(Number(match[1]), { location: '/ok' });
    res.end();
  } else if (path === '/loop-a') {
    res.writeHead(302, { location: '/loop-b' });
    res.end();
  } else if (path === '/loop-b') {
    res.writeHead(301, { location: `http://${req.headers.host}/loop-a` });
    res.end();
  } else if (path === '/to-other-scheme') {
    res.writeHead(302, { location: url.searchParams.get('to') ?? '' });
    res.end();
  } else if (path === '/hang') {
    // Never answers.
  } else if (path === '/stall') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('first part of the body');
    // …and never the rest.
  } else if (path === '/retry-after') {
    res.writeHead(503, { 'retry-after': '120' });
    res.end('busy');
  } else if ((match = /^\/status\/(\d+)$/.exec(path))) {
    res.writeHead(Number(match[1]), { 'content-type': 'text/plain' });
    res.end('status page');
  } else if (path === '/etag') {
    if (req.headers['if-none-match'] === '"v1"') {
      res.writeHead(304, { etag: '"v1"' });
      res.end();
    } else {
      res.writeHead(200, { etag: '"v1"', 'content-type': 'text/plain' });
      res.end('fresh body');
    }
  } else {
    res.writeHead(404);
    res.end();
  }
}

describe('HttpFetcher', () => {
  let server: TestServer;
  const fetchers: HttpFetcher[] = [];

  function fetcher(options: Partial<HttpFetcherOptions> = {}): HttpFetcher {
    const created = new HttpFetcher({ userAgent: USER_AGENT, allowPrivateNetworks: true, ...options });
    fetchers.push(created);
    return created;
  }

  beforeAll(async () => {
    server = await startServer(route);
  });

  beforeEach(() => {
    server.paths.length = 0;
    server.headers.length = 0;
  });

  afterEach(async () => {
    await Promise.all(fetchers.splice(0).map((f) => f.close()));
  });

  afterAll(async () => {
    await server.close();
  });

  describe('a plain request', () => {
    it('returns status, headers, content type and body', async () => {
      const url = `${server.base}/ok`;
      const result = await fetcher().fetch(url, LIMITS);
      expect(result.requestedUrl).toBe(url);
      expect(result.finalUrl).toBe(url);
      expect(result.status).toBe(200);
      expect(result.contentType).toBe('text/html; charset=utf-8');
      expect(result.headers['x-test']).toBe('yes');
      expect(result.body.toString('utf8')).toBe('<p>hello</p>');
    });

    it('sends the configured User-Agent and the caller headers', async () => {
      await fetcher().fetch(`${server.base}/ok`, LIMITS, { 'accept-language': 'fa-IR' });
      expect(server.headers).toHaveLength(1);
      expect(server.headers[0]['user-agent']).toBe(USER_AGENT);
      expect(server.headers[0]['accept-language']).toBe('fa-IR');
    });
  });

  describe('URL schemes', () => {
    it.each([
      'file:///etc/passwd',
      'ftp://ftp.example.com/pub/file.txt',
      'javascript:alert(1)',
      'data:text/html,<p>hi</p>',
      'mailto:editor@example.com',
      'not a url',
      '',
    ])('refuses %j as a bad URL', async (url) => {
      const error = await failure(fetcher().fetch(url, LIMITS));
      expect(error.kind).toBe('bad-url');
      expect(error.isPermanent).toBe(true);
    });
  });

  describe('address guard (allowPrivateNetworks: false)', () => {
    let target: TestServer;

    beforeEach(async () => {
      // A live loopback server: if the guard let a request through, it would land here.
      target = await startServer((_req, res) => res.end('target reached'));
    });

    afterEach(async () => {
      await target.close();
    });

    const guarded = () => fetcher({ allowPrivateNetworks: false, connectTimeoutMs: 1000 });

    it.each([
      ['IPv4 loopback', (port: number) => `http://127.0.0.1:${port}/`],
      ['IPv4 loopback over https', (port: number) => `https://127.0.0.1:${port}/`],
      ['IPv4 loopback written as a number', (port: number) => `http://2130706433:${port}/`],
      ['IPv4 loopback in short hex form', (port: number) => `http://0x7f.1:${port}/`],
      ['IPv6 loopback', (port: number) => `http://[::1]:${port}/`],
      ['the unspecified address', (port: number) => `http://0.0.0.0:${port}/`],
      ['IPv4-mapped IPv6 loopback', (port: number) => `http://[::ffff:127.0.0.1]:${port}/`],
    ])('refuses %s without connecting', async (_name, urlFor) => {
      const error = await failure(guarded().fetch(urlFor(target.port), LIMITS));
      expect(error.kind).toBe('blocked-address');
      expect(error.isPermanent).toBe(true);
      expect(target.connections).toBe(0);
    });

    // The guard rejects these literals before any socket is opened, so no
    // packet leaves the machine.
    it.each([
      'http://10.0.0.1/',
      'http://192.168.1.1/admin',
      'http://172.16.5.4:8080/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://[::ffff:10.0.0.1]/',
    ])('refuses %s', async (url) => {
      const error = await failure(guarded().fetch(url, LIMITS));
      expect(error.kind).toBe('blocked-address');
    });

    it('refuses a host name that resolves to loopback, through the DNS lookup hook', async () => {
      const error = await failure(guarded().fetch(`http://localhost:${target.port}/`, LIMITS));
      expect(error.kind).toBe('blocked-address');
      expect(target.connections).toBe(0);
    });

    it('reaches the same server by name when private networks are allowed', async () => {
      const result = await fetcher({ allowPrivateNetworks: true }).fetch(
        `http://localhost:${target.port}/`,
        LIMITS,
      );
      expect(result.body.toString()).toBe('target reached');
      expect(target.connections).toBe(1);
    });

    it('reaches a loopback literal when private networks are allowed', async () => {
      const result = await fetcher({ allowPrivateNetworks: true }).fetch(`${target.base}/`, LIMITS);
      expect(result.status).toBe(200);
      expect(target.paths).toEqual(['/']);
    });
  });

  describe('size limit', () => {
    it('accepts a body of exactly maxBytes', async () => {
      const result = await fetcher().fetch(`${server.base}/exact`, LIMITS);
      expect(result.body).toHaveLength(LIMIT);
    });

    it('refuses a body one byte over, announced by Content-Length', async () => {
      const error = await failure(fetcher().fetch(`${server.base}/big-length`, LIMITS));
      expect(error.kind).toBe('too-large');
      expect(error.isPermanent).toBe(true);
    });

    it('refuses a chunked body that grows past the limit', async () => {
      // 17 chunks of 4 KiB = 68 KiB > 64 KiB
      const error = await failure(fetcher().fetch(`${server.base}/chunked/17`, LIMITS));
      expect(error.kind).toBe('too-large');
    });

    it('accepts a chunked body under the limit', async () => {
      // 15 chunks of 4 KiB = 60 KiB
      const result = await fetcher().fetch(`${server.base}/chunked/15`, LIMITS);
      expect(result.body).toHaveLength(15 * 4096);
    });

    it.each(['gzip', 'br', 'deflate'] as const)(
      'refuses a %s bomb that is small on the wire',
      async (coding) => {
        // The test is only meaningful if the compressed body itself is within the limit.
        expect(BOMBS[coding].length).toBeLessThan(LIMIT);
        const error = await failure(fetcher().fetch(`${server.base}/bomb/${coding}`, LIMITS));
        expect(error.kind).toBe('too-large');
      },
    );

    it.each(['gzip', 'br', 'deflate'] as const)('decodes a small %s body', async (coding) => {
      const result = await fetcher().fetch(`${server.base}/small/${coding}`, LIMITS);
      expect(result.body.toString('utf8')).toBe(PERSIAN);
    });
  });

  describe('redirects', () => {
    it('follows 5 redirects, resolving relative Locations', async () => {
      const result = await fetcher().fetch(`${server.base}/hop/5`, LIMITS);
      expect(result.status).toBe(200);
      expect(result.body.toString()).toBe('arrived');
      expect(result.requestedUrl).toBe(`${server.base}/hop/5`);
      expect(result.finalUrl).toBe(`${server.base}/hop/0`);
      expect(server.paths).toEqual(['/hop/5', '/hop/4', '/hop/3', '/hop/2', '/hop/1', '/hop/0']);
    });

    it('gives up on the 6th redirect without following it', async () => {
      const error = await failure(fetcher().fetch(`${server.base}/hop/6`, LIMITS));
      expect(error.kind).toBe('too-many-redirects');
      expect(error.url).toBe(`${server.base}/hop/6`);
      expect(server.paths).toEqual(['/hop/6', '/hop/5', '/hop/4', '/hop/3', '/hop/2', '/hop/1']);
    });

    it('honours a smaller maxRedirects', async () => {
      const oneHop = fetcher({ maxRedirects: 1 });
      expect((await oneHop.fetch(`${server.base}/hop/1`, LIMITS)).finalUrl).toBe(`${server.base}/hop/0`);
      expect((await failure(oneHop.fetch(`${server.base}/hop/2`, LIMITS))).kind).toBe('too-many-redirects');
    });

    it('follows no redirect at all with maxRedirects 0', async () => {
      const error = await failure(fetcher({ maxRedirects: 0 }).fetch(`${server.base}/hop/1`, LIMITS));
      expect(error.kind).toBe('too-many-redirects');
    });

    it.each([301, 302, 303, 307, 308])('follows a %i', async (status) => {
      const result = await fetcher().fetch(`${server.base}/status-redirect/${status}`, LIMITS);
      expect(result.finalUrl).toBe(`${server.base}/ok`);
      expect(result.body.toString()).toBe('<p>hello</p>');
    });

    it('stops a loop A→B→A without going round again', async () => {
      const error = await failure(fetcher().fetch(`${server.base}/loop-a`, LIMITS));
      expect(error.kind).toBe('too-many-redirects');
      expect(server.paths).toEqual(['/loop-a', '/loop-b']);
    });

    it.each(['ftp://ftp.example.com/file', 'file:///etc/passwd', 'javascript:alert(1)'])(
      'refuses a redirect to %s',
      async (target) => {
        const url = `${server.base}/to-other-scheme?to=${encodeURIComponent(target)}`;
        const error = await failure(fetcher().fetch(url, LIMITS));
        expect(error.kind).toBe('bad-url');
        expect(server.paths).toHaveLength(1);
      },
    );

    it('refuses a redirect whose Location is not a URL, as a permanent bad-url', async () => {
      const url = `${server.base}/to-other-scheme?to=${encodeURIComponent('http://[::1')}`;
      const error = await failure(fetcher().fetch(url, LIMITS));
      expect(error.kind).toBe('bad-url');
      expect(error.isPermanent).toBe(true);
    });
  });

  describe('timeouts', () => {
    const SHORT: FetchLimits = { maxBytes: LIMIT, timeoutMs: 300 };

    it('times out on a server that never answers', async () => {
      const error = await failure(fetcher().fetch(`${server.base}/hang`, SHORT));
      expect(error.kind).toBe('timeout');
      expect(error.isPermanent).toBe(false);
    });

    it('times out on a body that stalls after the headers', async () => {
      const error = await failure(fetcher().fetch(`${server.base}/stall`, SHORT));
      expect(error.kind).toBe('timeout');
    });

    it('still works after a timeout', async () => {
      const shared = fetcher();
      expect((await failure(shared.fetch(`${server.base}/hang`, SHORT))).kind).toBe('timeout');
      expect((await shared.fetch(`${server.base}/ok`, LIMITS)).status).toBe(200);
    });
  });

  describe('HTTP status', () => {
    it.each([
      [404, true],
      [410, true],
      [403, true],
      [429, false],
      [408, false],
      [500, false],
      [503, false],
    ])('reports %i as http-status, permanent: %s', async (status, permanent) => {
      const error = await failure(fetcher().fetch(`${server.base}/status/${status}`, LIMITS));
      expect(error.kind).toBe('http-status');
      expect(error.status).toBe(status);
      expect(error.isPermanent).toBe(permanent);
    });

    it('keeps the response headers of an HTTP error, so Retry-After can be read', async () => {
      const error = await failure(fetcher().fetch(`${server.base}/retry-after`, LIMITS));
      expect(error.status).toBe(503);
      expect(error.headers['retry-after']).toBe('120');
    });

    it('returns 304 with an empty body for a conditional request', async () => {
      const result = await fetcher().fetch(`${server.base}/etag`, LIMITS, { 'if-none-match': '"v1"' });
      expect(result.status).toBe(304);
      expect(result.body).toHaveLength(0);
      expect(result.headers.etag).toBe('"v1"');
    });

    it('returns the body when the conditional request does not match', async () => {
      const result = await fetcher().fetch(`${server.base}/etag`, LIMITS, { 'if-none-match': '"v0"' });
      expect(result.status).toBe(200);
      expect(result.body.toString()).toBe('fresh body');
    });
  });

  describe('network errors', () => {
    it('reports a refused connection as a transient network error', async () => {
      const gone = await startServer((_req, res) => res.end());
      await gone.close();
      const error = await failure(fetcher().fetch(`${gone.base}/`, LIMITS));
      expect(error.kind).toBe('network');
      expect(error.isPermanent).toBe(false);
    });
  });
});
