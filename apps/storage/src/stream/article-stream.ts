import type { OnModuleDestroy } from '@nestjs/common';
import type { ArticleEvent } from '@news/contracts';
import type { Logger } from '@news/observability';
import { Subject, type Observable } from 'rxjs';
import type { ArticleTopicsRepository } from './article-topics.repository.js';
import { streamedArticle, topicsOfFields, type StreamedArticle } from './streamed-article.js';

/**
 * The in-process stream of stored articles behind `/articles/stream`. ArticleWriter publishes
 * each batch after its commit; the topics are read from `article_topics` (one query per batch,
 * and only while someone listens), in batch order. Each storage instance streams what it
 * stored itself: with several instances behind a balancer, a client sees the articles of the
 * partitions its instance consumes.
 */
export class ArticleStream implements OnModuleDestroy {
  private readonly subject = new Subject<StreamedArticle>();
  private pending: Promise<void> = Promise.resolve();
  private warnedAboutTopics = false;

  constructor(
    /** null without a topics store: category and tags stand in (topicsOfFields). */
    private readonly topics: Pick<ArticleTopicsRepository, 'topicsOf'> | null,
    private readonly logger: Logger,
  ) {}

  get articles(): Observable<StreamedArticle> {
    return this.subject.asObservable();
  }

  /** Never throws and never holds up the writer: the batch is already committed. */
  publish(articles: readonly ArticleEvent[]): void {
    if (articles.length === 0 || !this.subject.observed) return;
    this.pending = this.pending.then(() => this.emit(articles));
  }

  /** Resolves once everything published so far has been emitted (for tests and shutdown). */
  flushed(): Promise<void> {
    return this.pending;
  }

  onModuleDestroy(): void {
    this.subject.complete(); // ends every open response, so the HTTP server can close
  }

  private async emit(articles: readonly ArticleEvent[]): Promise<void> {
    let topics: Map<string, StreamedArticle['topics']> | undefined;
    try {
      topics = await this.topics?.topicsOf(articles.map((a) => a.id));
    } catch (error) {
      // The stream goes on with the topics the article names itself (category and tags).
      if (!this.warnedAboutTopics) {
        this.logger.warn({ err: error }, 'article topics unreadable; streaming category and tags as topics');
        this.warnedAboutTopics = true;
      }
    }
    for (const article of articles) {
      this.subject.next(streamedArticle(article, topics?.get(article.id) ?? topicsOfFields(article)));
    }
  }
}
