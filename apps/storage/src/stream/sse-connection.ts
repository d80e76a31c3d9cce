import type { Observable, Subscription } from 'rxjs';
import { sseComment, sseEvent } from './sse.js';
import { matchesFilter, type StreamedArticle, type StreamFilter } from './streamed-article.js';

/** The part of an HTTP response a stream writes to (node's ServerResponse has it all). */
export interface SseSink {
  write(chunk: string): boolean;
  end(): void;
  destroy(): void;
  readonly writableLength: number;
  once(event: 'close', listener: () => void): unknown;
}

export interface SseOptions {
  heartbeatMs: number;
  /** Bytes a client may leave unread before it is dropped. */
  maxBufferedBytes: number;
  /** What EventSource waits before reconnecting, in ms. */
  retryMs: number;
}

export const SSE_DEFAULTS: SseOptions = { heartbeatMs: 15_000, maxBufferedBytes: 256 * 1024, retryMs: 3_000 };

/**
 * One client of `/articles/stream`: the articles that pass its filter, a heartbeat comment
 * every `heartbeatMs`, and cleanup when either side goes away. A client that stops reading
 * while events keep coming is dropped once `maxBufferedBytes` wait for it, rather than held in
 * memory without bound; EventSource reconnects on its own.
 */
export class SseConnection {
  private subscription: Subscription | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly sink: SseSink,
    private readonly filter: StreamFilter,
    private readonly options: SseOptions,
    private readonly onDropped: (bufferedBytes: number) => void,
  ) {}

  open(articles: Observable<StreamedArticle>): void {
    this.sink.once('close', () => this.close());
    this.send(`retry: ${this.options.retryMs}\n${sseComment('connected')}`);
    this.heartbeat = setInterval(() => this.send(sseComment('heartbeat')), this.options.heartbeatMs);
    this.heartbeat.unref();
    this.subscription = articles.subscribe({
      next: (article) => {
        if (matchesFilter(article, this.filter)) this.send(sseEvent('article', article, article.id));
      },
      complete: () => {
        this.close();
        this.sink.end();
      },
    });
  }

  private send(chunk: string): void {
    if (this.closed) return;
    this.sink.write(chunk);
    if (this.sink.writableLength > this.options.maxBufferedBytes) {
      const buffered = this.sink.writableLength;
      this.close();
      this.sink.destroy();
      this.onDropped(buffered);
    }
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.subscription?.unsubscribe();
  }
}
