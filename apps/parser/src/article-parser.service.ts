import { TOPICS, type ArticleEvent } from '@news/contracts';
import { DEFAULT_PAGE_TIMEOUT_MS, extractArticle, type SiteProfiles } from '@news/extraction';
import { decodeEvent, EventPublisher, sendToDeadLetter, type EventSender } from '@news/messaging';
import type { Logger, ProgressCounters } from '@news/observability';
import type { KafkaMessage } from 'kafkajs';
import { ParserMetrics } from './parser-metrics.js';

export const PARSER_COUNTERS = ['articles-parsed', 'dead-lettered'] as const;
export type ParserCounter = (typeof PARSER_COUNTERS)[number];

export type ParseOutcome = { ok: true; article: ArticleEvent } | { ok: false; reason: string };

/**
 * One raw-article message to one structured article. A message that does not
 * fit the contract, or a page that is not a usable article, is an outcome
 * (sent to the dead-letter topic by the caller), never a crash; so is a page
 * whose extraction takes longer than `timeoutMs`.
 */
export function parseRawMessage(
  message: KafkaMessage,
  profiles: SiteProfiles,
  now: () => Date,
  timeoutMs = DEFAULT_PAGE_TIMEOUT_MS,
): ParseOutcome {
  try {
    const raw = decodeEvent(TOPICS.rawArticles, message);
    const article = extractArticle(
      { html: raw.html, url: raw.finalUrl, fetchedAt: raw.fetchedAt, feedUrl: raw.feedUrl, item: raw.item },
      { profiles, now, timeoutMs },
    );
    return { ok: true, article };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** Publishes what parsed; the consumer commits the offset only after this resolves. */
export class ArticleParser {
  constructor(
    private readonly profiles: SiteProfiles,
    private readonly counters: ProgressCounters<ParserCounter>,
    private readonly logger: Logger,
    private readonly metrics = new ParserMetrics(),
    private readonly pageTimeoutMs = DEFAULT_PAGE_TIMEOUT_MS,
  ) {}

  /**
   * Parses a consumed batch and publishes its articles in as few sends as the
   * size limit allows (one acknowledged send per article was a fifth of the
   * parser's CPU); dead letters go out before, so that when this resolves
   * every message of the batch has its outcome in Kafka.
   */
  async handleBatch(messages: KafkaMessage[], partition: number, sender: EventSender): Promise<void> {
    const articles: ArticleEvent[] = [];
    this.metrics.batchSize.observe(messages.length);
    for (const message of messages) {
      const stopTimer = this.metrics.extractionSeconds.startTimer();
      const outcome = parseRawMessage(message, this.profiles, () => new Date(), this.pageTimeoutMs);
      stopTimer();
      if (outcome.ok) {
        articles.push(outcome.article);
        continue;
      }
      await sendToDeadLetter(sender, {
        topic: TOPICS.rawArticles,
        partition,
        message,
        reason: outcome.reason,
      });
      this.counters.inc('dead-lettered');
      this.logger.warn(
        { partition, offset: message.offset, key: message.key?.toString(), reason: outcome.reason },
        'raw article sent to dead-letter topic',
      );
    }
    await new EventPublisher(sender, 'parser').publish(
      TOPICS.articles,
      articles.map((article) => ({ key: article.id, event: article })),
    );
    this.counters.inc('articles-parsed', articles.length);
    for (const article of articles) {
      this.logger.info({ id: article.id, url: article.canonicalUrl, title: article.title }, 'article parsed');
    }
  }
}
