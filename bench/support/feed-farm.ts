import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  articlePath,
  farmFeed,
  feedPath,
  hostAddress,
  hostOfAddress,
  itemNumbers,
  MAX_HOSTS,
  originOf,
  renderArticle,
  renderFeed,
  renderMalformedFeed,
  type FarmFeed,
  type FeedKind,
} from './feed-farm-content.js';

export type ResponseKind = 'feed-200' | 'feed-304' | 'feed-error' | 'page' | 'robots' | 'other';
const RESPONSE_KINDS: readonly ResponseKind[] = [
  'feed-200',
  'feed-304',
  'feed-error',
  'page',
  'robots',
  'other',
];

export interface FarmStats {
  requests: Record<ResponseKind, number>;
  /** Bytes the farm wrote to the sockets (status line, headers, body as sent, gzip where asked). */
  wireBytes: Record<ResponseKind, number>;
  /** Body bytes before compression: what the fetcher reads after undici decompressed it. */
  bodyBytes: Record<ResponseKind, number>;
  /** Feed requests that carried If-None-Match or If-Modified-Since. */
  conditionalRequests: number;
  /** Answers to feed requests, by the feed's kind and status. */
  feedAnswers: Record<FeedKind, { notModified: number; full: number; failed: number }>;
  /** Requests each host received: the politeness spacing makes the busiest host the floor of a cycle. */
  requestsPerHost: number[];
  /** Arrival of each host's first and last request (ms since epoch), to see how busy the fetcher kept it. */
  firstRequestAt: number[];
  lastRequestAt: number[];
}

export interface FeedFarmOptions {
  feeds: number;
  hosts: number;
  /** Items a changing feed gains every cycle. */
  newItems: number;
}

interface FeedVersion {
  version: number;
  etag: string;
  lastModified: string;
  lastModifiedMs: number;
  gzip: Buffer;
  plainLength: number;
}

const RETRY_AFTER_SECONDS = 120;

function emptyStats(hosts: number): FarmStats {
  const perKind = () => Object.fromEntries(RESPONSE_KINDS.map((k) => [k, 0])) as Record<ResponseKind, number>;
  const answers = () => ({ notModified: 0, full: 0, failed: 0 });
  return {
    requests: perKind(),
    wireBytes: perKind(),
    bodyBytes: perKind(),
    conditionalRequests: 0,
    feedAnswers: { unchanged: answers(), changing: answers(), slow: answers(), failing: answers() },
    requestsPerHost: new Array<number>(hosts).fill(0),
    firstRequestAt: new Array<number>(hosts).fill(0),
    lastRequestAt: new Array<number>(hosts).fill(0),
  };
}

/**
 * One HTTP server per simulated host, on 127.0.0.1 … 127.0.0.N and one port,
 * serving N feeds: the fetcher's per-host politeness keys on the URL's host,
 * so each simulated site must have an address of its own. The bench moves
 * the farm from cycle to cycle (changing feeds gain items) and can make it
 * ignore validators, to measure what unconditional GETs cost.
 */
export class FeedFarm {
  port = 0;
  private readonly servers: Server[] = [];
  private readonly versions = new Map<number, FeedVersion>();
  private readonly cycleDates: Date[] = [];
  private stats: FarmStats;
  private ignoreValidators = false;

  constructor(private readonly options: FeedFarmOptions) {
    if (options.hosts > MAX_HOSTS) throw new Error(`at most ${MAX_HOSTS} hosts (127.0.0.1–127.0.0.254)`);
    this.stats = emptyStats(options.hosts);
    this.cycleDates.push(new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000));
  }

  get cycle(): number {
    return this.cycleDates.length - 1;
  }

  feedUrls(): string[] {
    return Array.from({ length: this.options.feeds }, (_, n) => this.feedUrl(n));
  }

  feedUrl(number: number): string {
    return `${originOf(number % this.options.hosts, this.port)}${feedPath(number)}`;
  }

  feed(number: number): FarmFeed {
    return farmFeed(number, this.options.hosts);
  }

  /** Article URLs a feed lists now: what a fetcher that is up to date has already published. */
  currentArticleUrls(number: number): string[] {
    const feed = this.feed(number);
    if (feed.kind === 'failing') return [];
    const origin = originOf(feed.host, this.port);
    return itemNumbers(this.versionOf(feed), this.options.newItems).map(
      (i) => `${origin}${articlePath(number, i)}`,
    );
  }

  /** Starts the next cycle: every changing feed gets `newItems` new items (new guid, link and ETag). */
  nextCycle(): void {
    this.cycleDates.push(new Date(Math.floor(Date.now() / 1000) * 1000));
  }

  /** When true, the farm answers every feed request in full, as if the fetcher sent no validators. */
  setIgnoreValidators(ignore: boolean): void {
    this.ignoreValidators = ignore;
  }

  /** The counters since the last call, and a fresh set from now on. */
  takeStats(): FarmStats {
    const taken = this.stats;
    this.stats = emptyStats(this.options.hosts);
    return taken;
  }

  async start(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.listenAll();
        return;
      } catch (error) {
        await this.stop();
        // Another process may own the port on one of the 200 addresses: try another port.
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 5) throw error;
      }
    }
  }

  async stop(): Promise<void> {
    const servers = this.servers.splice(0);
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
  }

  private async listenAll(): Promise<void> {
    this.port = 0;
    for (let host = 0; host < this.options.hosts; host++) {
      const server = createServer({ keepAliveTimeout: 10_000 }, (req, res) => this.handle(req, res));
      this.servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(this.port, hostAddress(host), () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address();
      if (host === 0 && address !== null && typeof address !== 'string') this.port = address.port;
    }
  }

  private versionOf(feed: FarmFeed): number {
    return feed.kind === 'changing' ? this.cycle : 0;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    const host = hostOfAddress(socket.localAddress);
    const writtenBefore = socket.bytesWritten;
    const answer = { kind: 'other' as ResponseKind, body: 0 };
    if (host !== null && host < this.options.hosts) {
      const now = Date.now();
      if (this.stats.firstRequestAt[host] === 0) this.stats.firstRequestAt[host] = now;
      this.stats.lastRequestAt[host] = now;
    }
    res.once('close', () => {
      const s = this.stats;
      s.requests[answer.kind]++;
      s.wireBytes[answer.kind] += socket.bytesWritten - writtenBefore;
      s.bodyBytes[answer.kind] += answer.body;
      if (host !== null && host < s.requestsPerHost.length) s.requestsPerHost[host]!++;
    });
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (path === '/robots.txt') {
      answer.kind = 'robots';
      answer.body = this.send(
        res,
        200,
        'text/plain; charset=utf-8',
        Buffer.from('User-agent: *\nAllow: /\n'),
      );
      return;
    }
    const feedMatch = /^\/feeds\/(\d+)\.xml$/.exec(path);
    if (feedMatch && this.belongsTo(Number(feedMatch[1]), host)) {
      const feed = this.feed(Number(feedMatch[1]));
      if (feed.delayMs > 0) {
        const timer = setTimeout(() => this.answerFeed(feed, req, res, gzip, answer), feed.delayMs);
        res.once('close', () => clearTimeout(timer));
      } else {
        this.answerFeed(feed, req, res, gzip, answer);
      }
      return;
    }
    const pageMatch = /^\/news\/(\d+)\/(\d+)$/.exec(path);
    if (pageMatch && this.belongsTo(Number(pageMatch[1]), host)) {
      const [feed, item] = [Number(pageMatch[1]), Number(pageMatch[2])];
      const url = `${originOf(host as number, this.port)}${path}`;
      const html = Buffer.from(renderArticle(feed, item, url, this.cycleDates[this.cycle] as Date));
      answer.kind = 'page';
      answer.body = html.length;
      this.send(res, 200, 'text/html; charset=utf-8', gzip ? gzipSync(html) : html, gzip);
      return;
    }
    answer.body = this.send(res, 404, 'text/plain; charset=utf-8', Buffer.from('not found\n'));
  }

  private belongsTo(feed: number, host: number | null): boolean {
    return feed < this.options.feeds && host !== null && feed % this.options.hosts === host;
  }

  private answerFeed(
    feed: FarmFeed,
    req: IncomingMessage,
    res: ServerResponse,
    gzip: boolean,
    answer: { kind: ResponseKind; body: number },
  ): void {
    const validators = req.headers['if-none-match'] ?? req.headers['if-modified-since'];
    if (validators !== undefined) this.stats.conditionalRequests++;
    const answers = this.stats.feedAnswers[feed.kind];
    if (feed.failure) {
      answers.failed++;
      answer.kind = 'feed-error';
      const origin = originOf(feed.host, this.port);
      switch (feed.failure) {
        case 'http-500':
          answer.body = this.send(res, 500, 'text/plain', Buffer.from('Internal Server Error\n'));
          return;
        case 'http-503':
          res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
          answer.body = this.send(res, 503, 'text/plain', Buffer.from('Service Unavailable\n'));
          return;
        case 'reset':
          req.socket.resetAndDestroy();
          return;
        case 'malformed':
          answer.body = this.send(
            res,
            200,
            'application/rss+xml; charset=utf-8',
            Buffer.from(renderMalformedFeed(feed, origin)),
          );
          return;
      }
    }
    const doc = this.document(feed);
    res.setHeader('etag', doc.etag);
    res.setHeader('last-modified', doc.lastModified);
    if (!this.ignoreValidators && this.matches(req, doc)) {
      answers.notModified++;
      answer.kind = 'feed-304';
      res.writeHead(304).end();
      return;
    }
    answers.full++;
    answer.kind = 'feed-200';
    answer.body = doc.plainLength;
    this.send(res, 200, 'application/rss+xml; charset=utf-8', gzip ? doc.gzip : gunzipSync(doc.gzip), gzip);
  }

  /** If-None-Match decides when present (RFC 9110 §13.1.3); otherwise If-Modified-Since. */
  private matches(req: IncomingMessage, doc: FeedVersion): boolean {
    const inm = req.headers['if-none-match'];
    if (inm !== undefined) return inm.split(',').some((tag) => tag.trim() === doc.etag || tag.trim() === '*');
    const ims = req.headers['if-modified-since'];
    return ims !== undefined && Date.parse(ims) >= doc.lastModifiedMs;
  }

  /** The feed's current version, rendered once and kept gzipped (the farm holds 10,000 of them). */
  private document(feed: FarmFeed): FeedVersion {
    const version = this.versionOf(feed);
    const cached = this.versions.get(feed.number);
    if (cached?.version === version) return cached;
    const date = this.cycleDates[version] as Date;
    const xml = Buffer.from(
      renderFeed(feed, originOf(feed.host, this.port), itemNumbers(version, this.options.newItems), date),
    );
    const doc: FeedVersion = {
      version,
      etag: `"f${feed.number}-v${version}"`,
      lastModified: date.toUTCString(),
      lastModifiedMs: date.getTime(),
      gzip: gzipSync(xml),
      plainLength: xml.length,
    };
    this.versions.set(feed.number, doc);
    return doc;
  }

  /** Writes a whole response; returns the body length before compression. */
  private send(res: ServerResponse, status: number, type: string, body: Buffer, gzipped = false): number {
    const headers: Record<string, string | number> = { 'content-type': type, 'content-length': body.length };
    if (gzipped) Object.assign(headers, { 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
    res.writeHead(status, headers).end(body);
    return gzipped ? gunzipLength(body) : body.length;
  }
}

/** ISIZE, the last four bytes of a gzip member: the uncompressed length (mod 2^32). */
function gunzipLength(gz: Buffer): number {
  return gz.readUInt32LE(gz.length - 4);
}
