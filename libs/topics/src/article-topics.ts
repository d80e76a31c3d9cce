// The topics of one article: its feed category, its page tags and the key
// phrases of its title and lead, one per key (the category wins over a tag, a
// tag over a phrase, so the kind says where the topic came from first).

import { toPersianLetters } from '@news/persian';

import { RollingDocumentFrequency } from './document-frequency.js';
import { phraseCandidates, selectKeyPhrases, type SelectOptions } from './key-phrases.js';
import { topicKey } from './topic-key.js';

export type TopicKind = 'category' | 'tag' | 'phrase';

export interface ArticleTopic {
  key: string;
  /** As written in the article (ZWNJ kept), trimmed; in a Persian article, see {@link topicName}. */
  name: string;
  kind: TopicKind;
}

/** The fields of an article that topics come from. */
export interface TopicSource {
  title: string;
  lead?: string | null;
  /** ISO 639-1; its stopwords are added to the Persian, Arabic and English ones. */
  language?: string | null;
  category?: string | null;
  tags?: readonly string[] | null;
}

/** Tags beyond this many are left out: some sites tag an article with dozens of words. */
export const MAX_TAGS = 20;
/** A category or tag longer than this is not a name (sites put sentences in their keywords). */
export const MAX_TOPIC_NAME_LENGTH = 100;

export const TITLE_WEIGHT = 2;
export const LEAD_WEIGHT = 1;

/** An article's analysis: its topics, and the phrase keys to learn once it is stored. */
export interface TopicAnalysis {
  topics: ArticleTopic[];
  /** Every candidate phrase key of the article, for {@link TopicExtractor.learn}. */
  phraseKeys: string[];
}

/**
 * Finds an article's topics against a rolling background of the articles it has learned. Scoring
 * and learning are separate steps so that the caller learns only the articles it really stored: a
 * batch retried after a failed transaction, or an event delivered twice, is not counted twice.
 */
export class TopicExtractor {
  constructor(
    private readonly background = new RollingDocumentFrequency(),
    private readonly options: SelectOptions = {},
  ) {}

  /** Articles learned so far (within the background's window). */
  get backgroundSize(): number {
    return this.background.documents;
  }

  analyze(article: TopicSource): TopicAnalysis {
    const candidates = this.candidates(article);
    const phrases = selectKeyPhrases(candidates, this.background, this.options);
    const topics = mergeTopics([
      ...namedTopics([article.category], 'category'),
      ...namedTopics((article.tags ?? []).slice(0, MAX_TAGS), 'tag'),
      ...phrases.map((p) => ({ key: p.key, name: p.name, kind: 'phrase' as const })),
    ]);
    return {
      topics: topics.map((t) => ({ ...t, name: topicName(t.name, article.language) })),
      phraseKeys: candidates.map((c) => c.key),
    };
  }

  /** Adds one stored article's phrase keys to the background. */
  learn(phraseKeys: Iterable<string>): void {
    this.background.add(phraseKeys);
  }

  /** Analyzes and learns at once: for warming the background up from stored articles. */
  learnArticle(article: TopicSource): void {
    this.learn(this.analyzeCandidates(article));
  }

  private analyzeCandidates(article: TopicSource): string[] {
    return this.candidates(article).map((c) => c.key);
  }

  private candidates(article: TopicSource) {
    return phraseCandidates(
      [
        { text: article.title, weight: TITLE_WEIGHT },
        { text: article.lead, weight: LEAD_WEIGHT },
      ],
      article.language,
    );
  }
}

/**
 * A topic's name as an article of `language` gives it: in a Persian article, Arabic ي, ى and ك
 * (an Arabic keyboard or an old CMS) are written ی and ک. The key already folds them, and a
 * ranking should read «شورای عالی کار» whichever spelling the last article used. Other languages
 * keep theirs: ي is right in an Arabic article.
 */
export function topicName(name: string, language: string | null | undefined): string {
  return language === 'fa' ? toPersianLetters(name) : name;
}

function namedTopics(names: readonly (string | null | undefined)[], kind: TopicKind): ArticleTopic[] {
  return names.flatMap((raw) => {
    const name = raw?.trim().replace(/\s+/g, ' ');
    if (!name || name.length > MAX_TOPIC_NAME_LENGTH) return [];
    const key = topicKey(name);
    return key ? [{ key, name, kind }] : [];
  });
}

/** One topic per key, the first given (category, then tags, then phrases) winning. */
export function mergeTopics(topics: readonly ArticleTopic[]): ArticleTopic[] {
  const byKey = new Map<string, ArticleTopic>();
  for (const topic of topics) if (!byKey.has(topic.key)) byKey.set(topic.key, topic);
  return [...byKey.values()];
}
