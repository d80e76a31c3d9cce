import { createHash } from 'node:crypto';
import type { ArticleEvent, Source } from '@news/contracts';
import { formatJalaliTehran } from '@news/persian';
import {
  CLOSING_SENTENCES,
  COUNTRIES,
  FIRST_OPENERS,
  KICKERS,
  LATER_OPENERS,
  LEAD_TEMPLATES,
  MONTHS,
  PLACES,
  TEAMS,
  TOPICS,
  WEEKDAYS,
  type Topic,
} from './persian-text-bank.js';
import { Dice, seededRandom } from './seeded-dice.js';
import { drawSlots, fillTemplate, type SlotValues } from './text-templates.js';

/**
 * The storage bench's articles: what the parser would publish to news.articles.v1 (not pages to
 * parse), built straight from the text bank, because rendering and extracting a million pages
 * would measure the parser again. Article n is the same on every run (seeded by n), so the
 * upsert pass and the COPY pass generate identical rows without holding a million in memory.
 */

export const SOURCE_COUNT = 50;
export const TOPIC_POOL_SIZE = 2000;

/** Words planted in a known share of bodies, so search latency can be read per rarity. */
export const SEARCH_TERMS = {
  /** In every first paragraph («به گزارش ایلنا» or «خبرنگار ایلنا»): every article matches. */
  common: 'ایلنا',
  /** Planted in 1 article in 100. */
  percent: 'گردشگری سلامت',
  /** Planted in 1 article in 1,000. */
  permille: 'بازآفرینی شهری',
  /** Planted in 1 article in 10,000. */
  rare: 'آبخیزداری',
  /** In no article: a search that has to make sure of it. */
  absent: 'کهکشان راه شیری',
} as const;

const PERCENT_EVERY = 100;
const PERMILLE_EVERY = 1000;
const RARE_EVERY = 10_000;

export const ARRIVAL_ORDERS = ['time', 'random'] as const;
export type ArrivalOrder = (typeof ARRIVAL_ORDERS)[number];
/** In arrival order, an article was published up to this long before its place in the sequence. */
const ARRIVAL_LAG_MS = 3 * 3_600_000;

/** Mid-ranked topics that burst in the last 6 hours, so /topics/trending has something to find. */
const BURST_RANKS = [150, 300, 450, 600, 750];
const BURST_HOURS = 6;

/** Fifty news sites; ids and domains are fictional. */
export function benchSources(): Source[] {
  const names = ['خبرگزاری', 'روزنامه', 'پایگاه خبری', 'شبکه خبر', 'هفته‌نامه'];
  return Array.from({ length: SOURCE_COUNT }, (_, i) => {
    const place = PLACES[i % PLACES.length] as string;
    const kind = names[Math.floor(i / PLACES.length) % names.length] as string;
    const number = String(i + 1).padStart(2, '0');
    return { id: `bench-src-${number}`, name: `${kind} ${place} ${number}`, domain: `news${number}.example` };
  });
}

/**
 * 2,000 distinct topic names, most general first (the order is their popularity rank): the
 * bank's tags, places, teams, countries and cities, then tags paired with a place, country,
 * city, team, month or weekday («بیمه خوزستان», «دیپلماسی ترکیه»).
 */
export function topicPool(): string[] {
  const tags = TOPICS.flatMap((t) => t.tags);
  const countries = COUNTRIES.map((c) => c.country);
  const cities = COUNTRIES.map((c) => c.city);
  const speakers = TOPICS.flatMap((t) => t.speakers.map((s) => s.name));
  const names = [
    ...tags,
    ...PLACES,
    ...TEAMS,
    ...countries,
    ...cities,
    ...speakers,
    ...[...PLACES, ...countries, ...cities, ...TEAMS, ...MONTHS, ...WEEKDAYS].flatMap((where) =>
      tags.map((tag) => `${tag} ${where}`),
    ),
    ...speakers.flatMap((s) => [...PLACES, ...MONTHS].map((where) => `${s} ${where}`)),
  ];
  const unique = [...new Set(names)];
  if (unique.length < TOPIC_POOL_SIZE)
    throw new Error(`the text bank gives ${unique.length} topic names, fewer than ${TOPIC_POOL_SIZE}`);
  return unique.slice(0, TOPIC_POOL_SIZE);
}

/** Zipf (s = 1) over ranks 0..n-1, by binary search in the cumulative weights. */
class Zipf {
  private readonly cumulative: Float64Array;
  constructor(n: number) {
    this.cumulative = new Float64Array(n);
    let sum = 0;
    for (let rank = 0; rank < n; rank++) this.cumulative[rank] = sum += 1 / (rank + 1);
    for (let rank = 0; rank < n; rank++) this.cumulative[rank] = (this.cumulative[rank] as number) / sum;
  }
  rank(u: number): number {
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Older or Arabic-keyboard spelling: ي and ك for ی and ک (the stored text keeps it). */
const arabicLetters = (text: string) => text.replace(/ی/g, 'ي').replace(/ک/g, 'ك');

/** A template's {num}: a small number, in ASCII digits. */
const smallNumber = (dice: Dice) => String(dice.int(2, 48));

const fill = (template: string, slots: SlotValues, dice: Dice) =>
  fillTemplate(template, slots, () => smallNumber(dice));

export class StorageCorpus {
  readonly sources = benchSources();
  readonly topics = topicPool();
  private readonly zipf = new Zipf(TOPIC_POOL_SIZE);
  private readonly sourceZipf = new Zipf(SOURCE_COUNT);

  /**
   * `count` articles whose sortAt spreads over the `spanDays` up to `now`: in `time` order article
   * n is about n/count of the way through the span, in `random` order anywhere in it.
   */
  constructor(
    readonly now: Date,
    private readonly spanDays: number,
    private readonly count: number,
    private readonly order: ArrivalOrder,
  ) {}

  /** The most popular topic: the timeseries endpoint's subject. */
  get topTopic(): string {
    return this.topics[0] as string;
  }

  article(n: number): ArticleEvent {
    const dice = new Dice(seededRandom(n * 2654435761 + 17));
    const topic: Topic = dice.pick(TOPICS);
    const speaker = dice.pick(topic.speakers);
    const slots = drawSlots(dice, speaker, () => smallNumber(dice));
    const arabic = dice.chance(0.08);
    const spell = (text: string) => (arabic ? arabicLetters(text) : text);

    const title = spell(fill(dice.pick(topic.titles), slots, dice));
    const kicker = dice.chance(0.85) ? spell(fill(dice.pick(KICKERS), slots, dice)) : null;
    const lead = spell(fill(dice.pick(LEAD_TEMPLATES) + dice.pick(topic.sentences), slots, dice));
    const paragraphs: string[] = [];
    const count = dice.int(4, 12);
    for (let i = 0; i < count; i++) {
      const opener = i === 0 ? dice.pick(FIRST_OPENERS) : dice.pick(LATER_OPENERS);
      const sentences: string[] = [];
      for (let s = dice.int(1, 3); s > 0; s--) sentences.push(dice.pick(topic.sentences));
      if (dice.chance(0.35)) sentences.push(dice.pick(CLOSING_SENTENCES));
      paragraphs.push(spell(fill(opener + sentences.join(' '), slots, dice)));
    }
    if (n % PERCENT_EVERY === 3)
      paragraphs.push(`برنامه‌های ${SEARCH_TERMS.percent} در ${slots.place} ادامه دارد.`);
    if (n % PERMILLE_EVERY === 5)
      paragraphs.push(`پروژه ${SEARCH_TERMS.permille} در ${slots.place} به پایان رسید.`);
    if (n % RARE_EVERY === 7) paragraphs.push(`طرح ${SEARCH_TERMS.rare} در ${slots.place} آغاز شد.`);
    const body = paragraphs.join('\n\n');

    const spanMs = this.spanDays * 86_400_000;
    const ageMs =
      this.order === 'random'
        ? Math.floor(dice.random() * spanMs)
        : Math.min(spanMs, Math.floor(spanMs * (1 - (n + 1) / this.count) + dice.random() * ARRIVAL_LAG_MS));
    const published = new Date(Math.floor((this.now.getTime() - ageMs) / 60_000) * 60_000);
    const fetched = new Date(Math.min(this.now.getTime(), published.getTime() + dice.int(1, 30) * 60_000));
    const parsed = new Date(fetched.getTime() + dice.int(50, 2000));

    const tagNames = new Set<string>();
    for (let t = dice.int(2, 5); t > 0; t--)
      tagNames.add(this.topics[this.zipf.rank(dice.random())] as string);
    if (this.now.getTime() - published.getTime() < BURST_HOURS * 3_600_000 && dice.chance(0.4))
      tagNames.add(this.topics[dice.pick(BURST_RANKS)] as string);
    // Topic names as sites write them: some with Arabic letters, some with a space for the ZWNJ.
    const tags = [...tagNames].map((tag) =>
      dice.chance(0.1) ? arabicLetters(tag) : dice.chance(0.05) ? tag.replace(/\u200c/g, ' ') : tag,
    );
    const category = spell(this.topics[this.zipf.rank(dice.random() * 0.5)] as string);

    const source = this.sources[this.sourceZipf.rank(dice.random())] as Source;
    const id = createHash('md5').update(`bench-storage/${n}`).digest('hex');
    const url = `https://${source.domain}/news/${n}/`;
    const image = dice.chance(0.7)
      ? [{ url: `https://${source.domain}/files/${n}.jpg`, caption: dice.chance(0.5) ? slots.name : null }]
      : [];
    return {
      id,
      url,
      canonicalUrl: url,
      source,
      feedUrl: `https://${source.domain}/rss`,
      language: 'fa',
      kicker,
      title,
      lead,
      body,
      bodyHtml: paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
      author: dice.chance(0.3) ? slots.name : null,
      category,
      tags,
      images: image,
      publishedAt: published.toISOString(),
      publishedAtJalali: formatJalaliTehran(published),
      fetchedAt: fetched.toISOString(),
      parsedAt: parsed.toISOString(),
      contentHash: createHash('sha256').update(`${title}\n${lead}\n${body}`).digest('hex'),
      subtitle: null,
      newsCode: String(n),
      attribution: source.name,
      quality: { extractedBy: { title: 'structured-data', body: 'dom' }, flags: [] },
    };
  }
}
