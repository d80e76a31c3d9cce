import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, fetch, type Response } from 'undici';
import { isIpLiteral, isNonPublicAddress } from './address-guard.js';
import { FetchError } from './fetch-error.js';

export interface FetchLimits {
  /** Largest body accepted, counted after decompression. */
  maxBytes: number;
  /** Whole request, redirects and body included. */
  timeoutMs: number;
}

export interface HttpFetcherOptions {
  userAgent: string;
  allowPrivateNetworks: boolean;
  connectTimeoutMs?: number;
  maxRedirects?: number;
}

export interface FetchedResource {
  requestedUrl: string;
  finalUrl: string;
  status: number;
  contentType: string | null;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * The only way our services read the network. It refuses non-http(s) URLs,
 * checks every address actually connected to (so DNS rebinding cannot reach
 * a private network), follows at most a few redirects, and stops reading a
 * body as soon as it passes the size limit.
 */
export class HttpFetcher {
  private readonly agent: Agent;
  private readonly maxRedirects: number;

  constructor(private readonly options: HttpFetcherOptions) {
    this.maxRedirects = options.maxRedirects ?? 5;
    this.agent = new Agent({
      connect: {
        timeout: options.connectTimeoutMs ?? 10_000,
        lookup: options.allowPrivateNetworks ? undefined : guardedLookup,
      },
      connections: 32,
    });
  }

  async fetch(
    url: string,
    limits: FetchLimits,
    headers: Record<string, string> = {},
  ): Promise<FetchedResource> {
    const signal = AbortSignal.timeout(limits.timeoutMs);
    const visited = new Set<string>();
    let current = url;
    try {
      for (let hop = 0; hop <= this.maxRedirects; hop++) {
        this.checkUrl(current);
        visited.add(current);
        const response = await fetch(current, {
          dispatcher: this.agent,
          redirect: 'manual',
          signal,
          headers: { 'user-agent': this.options.userAgent, accept: '*/*', ...headers },
        });
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location) {
          await response.body?.cancel();
          const next = URL.canParse(location, current) ? new URL(location, current).toString() : null;
          if (!next)
            throw new FetchError(
              'bad-url',
              url,
              `redirect to an invalid Location ${JSON.stringify(location.slice(0, 200))}`,
            );
          if (visited.has(next)) throw new FetchError('too-many-redirects', url, `redirect loop at ${next}`);
          current = next;
          continue;
        }
        if (response.status === 304) {
          return this.resource(url, current, response, Buffer.alloc(0));
        }
        if (response.status < 200 || response.status >= 300) {
          await response.body?.cancel();
          throw new FetchError(
            'http-status',
            url,
            `HTTP ${response.status}`,
            response.status,
            Object.fromEntries(response.headers.entries()),
          );
        }
        const body = await readLimited(response, limits.maxBytes, url);
        return this.resource(url, current, response, body);
      }
      throw new FetchError('too-many-redirects', url, `more than ${this.maxRedirects} redirects`);
    } catch (error) {
      throw toFetchError(error, url, signal);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private checkUrl(raw: string): void {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new FetchError('bad-url', raw, 'not a valid URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new FetchError('bad-url', raw, `only http and https are fetched, not ${parsed.protocol}`);
    }
    // The lookup hook never sees literal addresses: net.connect skips DNS for them.
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    if (!this.options.allowPrivateNetworks && isIpLiteral(host) && isNonPublicAddress(host)) {
      throw new FetchError('blocked-address', raw, `refusing non-public address ${host}`);
    }
  }

  private resource(
    requestedUrl: string,
    finalUrl: string,
    response: Response,
    body: Buffer,
  ): FetchedResource {
    return {
      requestedUrl,
      finalUrl,
      status: response.status,
      contentType: response.headers.get('content-type'),
      headers: Object.fromEntries(response.headers.entries()),
      body,
    };
  }
}

async function readLimited(response: Response, maxBytes: number, url: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  const encoded = response.headers.get('content-encoding');
  if (!encoded && Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new FetchError('too-large', url, `body of ${declared} bytes is over the ${maxBytes}-byte limit`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  if (!response.body) return Buffer.alloc(0);
  // undici decompresses gzip/deflate/br as it streams, so this counts decoded bytes.
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw new FetchError('too-large', url, `body is over the ${maxBytes}-byte limit`);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

function toFetchError(error: unknown, url: string, signal: AbortSignal): FetchError {
  if (error instanceof FetchError) return error;
  if (signal.aborted) return new FetchError('timeout', url, 'timed out');
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof FetchError) return cause;
  const message = cause instanceof Error ? cause.message : (error as Error).message;
  if (/blocked non-public address/.test(message)) return new FetchError('blocked-address', url, message);
  if (/timeout/i.test(message)) return new FetchError('timeout', url, message);
  return new FetchError('network', url, message);
}

/** DNS lookup that drops non-public addresses and fails when none is left. */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 4);
    const allowed = addresses.filter((a) => !isNonPublicAddress(a.address));
    if (allowed.length === 0) {
      const refused = addresses.map((a) => a.address).join(', ');
      return callback(new Error(`blocked non-public address ${refused} for ${hostname}`), '', 4);
    }
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, allowed);
    return callback(null, allowed[0].address, allowed[0].family);
  });
};
