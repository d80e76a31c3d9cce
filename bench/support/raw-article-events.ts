import { RawArticleEventSchema, type RawArticleEvent } from '@news/contracts';
import { articleIdFor, canonicalizeUrl } from '@news/extraction';
import type { KeyedEvent } from '@news/messaging';
import { ARTICLE_NUMBER_BASE, syntheticArticle, type SyntheticArticle } from './synthetic-article.js';

export type RawArticleMessage = KeyedEvent<'news.raw-articles.v1'>;

/** The id and key the fetcher gives a page: a hash of its canonicalized link. */
export function articleKey(url: string): string {
  return articleIdFor(canonicalizeUrl(url));
}

/** The raw-article event the fetcher would publish after fetching this page, stamped `fetchedAt`. */
export function rawArticleEvent(article: SyntheticArticle, fetchedAt: Date): RawArticleMessage {
  const id = articleKey(article.url);
  const event: RawArticleEvent = {
    id,
    feedUrl: `https://www.ilna.ir/fa/rss/${article.topic.serviceId}`,
    item: {
      guid: null,
      title: article.title,
      link: article.url,
      summary: article.lead,
      author: null,
      categories: [article.topic.service],
      publishedAt: article.publishedAt.toISOString(),
    },
    requestedUrl: article.url,
    finalUrl: article.url,
    httpStatus: 200,
    contentType: 'text/html; charset=utf-8',
    charset: 'utf-8',
    fetchedAt: fetchedAt.toISOString(),
    html: article.html,
  };
  return { key: id, event };
}

/** Article numbers of a run of `count` pages; the URLs are https://www.ilna.ir/news/<n>/. */
export function articleNumbers(count: number): number[] {
  return Array.from({ length: count }, (_, i) => ARTICLE_NUMBER_BASE + i);
}

/** Pages are rendered batch by batch, just before they are sent, so fetchedAt is the time of producing. */
export function rawArticleBatch(numbers: readonly number[], now: Date = new Date()): RawArticleMessage[] {
  return numbers.map((n) => rawArticleEvent(syntheticArticle(n, now), now));
}

export function assertValidRawEvent(message: RawArticleMessage): void {
  const parsed = RawArticleEventSchema.safeParse(message.event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `synthetic event ${message.key} violates RawArticleEventSchema: ${issue?.path.join('.')} ${issue?.message}`,
    );
  }
}
