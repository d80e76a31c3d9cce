import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** A local HTTP server standing in for news sites: each path answers as the test says. */
export class FixtureServer {
  private readonly server: Server;
  readonly requests: string[] = [];

  constructor(private readonly routes: Record<string, Route>) {
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? '');
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const route = this.routes[path];
      if (route) return route(req, res);
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>not found</body></html>');
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  url(path: string): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${path}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export const respond =
  (status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): Route =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': contentType, ...headers }).end(body);
  };

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RssItem {
  title: string;
  link: string;
  pubDate?: string;
  guid?: string;
  category?: string;
}

export function rss(title: string, link: string, items: RssItem[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = items
    .map(
      (i) =>
        `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link>` +
        (i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : '') +
        (i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : '') +
        (i.category ? `<category>${esc(i.category)}</category>` : '') +
        '</item>',
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${esc(title)}</title><link>${esc(link)}</link>\n${body}\n</channel></rss>`;
}
