import { CLOSING_SENTENCES, PLACES, TOPICS, type Topic } from './persian-text-bank.js';
import { seededRandom } from './seeded-dice.js';

/**
 * What the farm's feeds are and say: which feed lives on which host, how it
 * behaves (the issue's mix: 70% unchanged, 20% with new items every cycle,
 * 5% slow, 5% failing), and its RSS and article pages, in Persian, the same
 * bytes for the same feed version on every run.
 */

export type FeedKind = 'unchanged' | 'changing' | 'slow' | 'failing';
export type FailureKind = 'http-500' | 'http-503' | 'reset' | 'malformed';

export interface FarmFeed {
  number: number;
  /** 0-based host index; the host's address is `hostAddress(host)`. */
  host: number;
  kind: FeedKind;
  /** For failing feeds: how they fail. */
  failure: FailureKind | null;
  /** For slow feeds: how long the farm waits before answering. */
  delayMs: number;
}

export const ITEMS_PER_FEED = 20;
/** 127.0.0.1 … 127.0.0.254: one loopback address per host, so every host is its own politeness bucket. */
export const MAX_HOSTS = 254;

export function hostAddress(host: number): string {
  return `127.0.0.${host + 1}`;
}

/** 0-based host index of a loopback address the farm listens on, or null. */
export function hostOfAddress(address: string | undefined): number | null {
  const match = /^(?:::ffff:)?127\.0\.0\.(\d+)$/.exec(address ?? '');
  return match ? Number(match[1]) - 1 : null;
}

/**
 * Feed `n` lives on host `n mod hosts`. Within a host the kinds repeat every
 * 20 feeds (14 unchanged, 4 changing, 1 slow, 1 failing), shifted per host so
 * that hosts differ in which of their feeds is which.
 */
export function farmFeed(number: number, hosts: number): FarmFeed {
  const host = number % hosts;
  const slot = Math.floor(number / hosts);
  const position = (slot + host) % 20;
  const kind: FeedKind =
    position < 14 ? 'unchanged' : position < 18 ? 'changing' : position === 18 ? 'slow' : 'failing';
  const failures: FailureKind[] = ['http-500', 'http-503', 'reset', 'malformed'];
  return {
    number,
    host,
    kind,
    failure: kind === 'failing' ? (failures[(host + Math.floor(slot / 20)) % 4] as FailureKind) : null,
    delayMs: kind === 'slow' ? 1000 + ((number * 7919) % 2001) : 0,
  };
}

export function feedPath(number: number): string {
  return `/feeds/${number}.xml`;
}

export function articlePath(feed: number, item: number): string {
  return `/news/${feed}/${item}`;
}

export function originOf(host: number, port: number): string {
  return `http://${hostAddress(host)}:${port}`;
}

/** Numbers of the items a feed version lists, newest first; each changing-feed version adds `newItems`. */
export function itemNumbers(version: number, newItems: number): number[] {
  const newest = ITEMS_PER_FEED - 1 + version * newItems;
  return Array.from({ length: ITEMS_PER_FEED }, (_, i) => newest - i);
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** The text bank's slots filled with one fixed set of values: variety here only has to make sizes real. */
function fill(text: string, topic: Topic, random: () => number): string {
  const speaker = pick(topic.speakers, random);
  const values: Record<string, string> = {
    name: speaker.name,
    role: speaker.role,
    place: pick(PLACES, random),
    num: String(2 + Math.floor(random() * 40)),
    month: 'مهر',
    weekday: 'دوشنبه',
    team: 'پرسپولیس',
    country: 'ترکیه',
    city: 'آنکارا',
  };
  return text.replace(/\{(\w+)\}/g, (_, slot: string) => values[slot] ?? '').replace(/\{\w+\}/g, '');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface ItemText {
  topic: Topic;
  title: string;
  paragraphs: string[];
}

function itemText(feed: number, item: number, paragraphs: number): ItemText {
  const random = seededRandom(feed * 1_000_003 + item * 7919); // the same on every run
  const topic = pick(TOPICS, random);
  const count = paragraphs + Math.floor(random() * 3);
  return {
    topic,
    title: fill(pick(topic.titles, random), topic, random),
    paragraphs: Array.from({ length: count }, () =>
      fill(`${pick(topic.sentences, random)} ${pick(CLOSING_SENTENCES, random)}`, topic, random),
    ),
  };
}

/** The publication time of an item: the newest is `publishedAt`, each older one 15 minutes earlier. */
function itemDate(publishedAt: Date, stepsBack: number): Date {
  return new Date(publishedAt.getTime() - stepsBack * 15 * 60_000);
}

/** An RSS 2.0 feed of 20 items with Persian titles and descriptions, about 10–30 KB. */
export function renderFeed(
  feed: FarmFeed,
  origin: string,
  items: readonly number[],
  publishedAt: Date,
): string {
  const entries = items.map((item, i) => {
    const text = itemText(feed.number, item, 1);
    const link = `${origin}${articlePath(feed.number, item)}`;
    return `    <item>
      <title>${escapeXml(text.title)}</title>
      <link>${link}</link>
      <guid isPermaLink="false">bench-feed-${feed.number}-item-${item}</guid>
      <pubDate>${itemDate(publishedAt, i).toUTCString()}</pubDate>
      <category>${escapeXml(text.topic.service)}</category>
      <description>${escapeXml(text.paragraphs.join(' '))}</description>
    </item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>خبرگزاری آزمایشی ${feed.host + 1} - خوراک ${feed.number}</title>
    <link>${origin}/</link>
    <description>آخرین اخبار سرویس‌های خبرگزاری آزمایشی</description>
    <language>fa-IR</language>
    <lastBuildDate>${publishedAt.toUTCString()}</lastBuildDate>
${entries.join('\n')}
  </channel>
</rss>
`;
}

/** What a failing feed with a broken body sends: a feed cut off in the middle of an item. */
export function renderMalformedFeed(feed: FarmFeed, origin: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>خوراک ${feed.number}</title>
    <link>${origin}/</link>
    <item>
      <title>خبر نیمه‌تمام <b>بدون بسته شدن</title>
      <link>${origin}${articlePath(feed.number, 0)}</link>
      <description><![CDATA[متن خبر`;
}

/** A small article page (a few KB): title, a handful of Persian paragraphs, JSON-LD. */
export function renderArticle(feed: number, item: number, url: string, publishedAt: Date): string {
  const text = itemText(feed, item, 4);
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: text.title,
    datePublished: publishedAt.toISOString(),
    articleSection: text.topic.service,
    inLanguage: 'fa-IR',
    mainEntityOfPage: url,
  };
  return `<!doctype html>
<html lang="fa" dir="rtl">
<head>
<meta charset="utf-8">
<title>${escapeXml(text.title)}</title>
<link rel="canonical" href="${url}">
<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>
</head>
<body>
<article>
  <h1>${escapeXml(text.title)}</h1>
${text.paragraphs.map((p) => `  <p>${escapeXml(p)}</p>`).join('\n')}
</article>
</body>
</html>
`;
}
