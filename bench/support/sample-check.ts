import { extractArticle, loadDefaultProfiles } from '@news/extraction';
import { syntheticArticle } from './synthetic-article.js';
import { assertValidRawEvent, rawArticleEvent } from './raw-article-events.js';

const ZWNJ = '\u200c';

export interface SampleReport {
  checked: number;
  meanHtmlBytes: number;
  meanParagraphs: number;
  zwnjPerBody: number;
}

/**
 * Before timing anything, proves on a sample that the synthetic pages are
 * what the benchmark claims: valid raw-article events that the real extractor
 * turns back into exactly the kicker, title, lead and paragraphs that were
 * generated, ZWNJs included. A template mistake would otherwise show up as a
 * fast benchmark of dead letters.
 */
export function checkSyntheticSample(numbers: readonly number[]): SampleReport {
  const profiles = loadDefaultProfiles();
  let htmlBytes = 0;
  let paragraphs = 0;
  let zwnj = 0;
  for (const n of numbers) {
    const article = syntheticArticle(n);
    const message = rawArticleEvent(article, new Date());
    assertValidRawEvent(message);
    const parsed = extractArticle(
      { html: message.event.html, url: message.event.finalUrl, fetchedAt: message.event.fetchedAt },
      { profiles },
    );
    const expectations: [string, unknown, unknown][] = [
      ['id', parsed.id, message.key],
      ['canonicalUrl', parsed.canonicalUrl, article.url],
      ['title', parsed.title, article.title],
      ['kicker', parsed.kicker, article.kicker],
      ['lead', parsed.lead, article.lead],
      ['body', parsed.body, article.paragraphs.join('\n\n')],
      ['tags', parsed.tags.join('|'), article.tags.join('|')],
      ['category', parsed.category, article.topic.service],
      ['publishedAt', parsed.publishedAt, article.publishedAt.toISOString()],
      ['images', parsed.images.length, article.imageUrl ? 1 : 0],
    ];
    for (const [field, actual, expected] of expectations) {
      if (actual !== expected) {
        throw new Error(
          `synthetic page ${article.url}: extractor gave ${field} ${JSON.stringify(actual)}, generator wrote ${JSON.stringify(expected)}`,
        );
      }
    }
    htmlBytes += Buffer.byteLength(article.html);
    paragraphs += article.paragraphs.length;
    zwnj += parsed.body.split(ZWNJ).length - 1;
  }
  const checked = numbers.length;
  return {
    checked,
    meanHtmlBytes: htmlBytes / checked,
    meanParagraphs: paragraphs / checked,
    zwnjPerBody: zwnj / checked,
  };
}
