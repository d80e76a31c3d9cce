// Key phrases of an article: the n-grams of its title and lead that are
// frequent in it and rare in the background (TF·IDF). The title counts double:
// it is where an editor names what the article is about.

import type { DocumentFrequency } from './document-frequency.js';
import { extraStopwords } from './stopwords.js';
import { joinTexts, keyGlue, tokenStretches } from './tokenize.js';

export interface WeightedText {
  text: string | null | undefined;
  /** How much one occurrence here counts (title 2, lead 1). */
  weight: number;
}

export interface PhraseCandidate {
  key: string;
  /** The first occurrence as written (ZWNJ kept, words joined by one space). */
  name: string;
  /** The keys of its words (parts of ZWNJ-joined words count as words), in order. */
  words: readonly string[];
  /** Sum of the weights of its occurrences. */
  weight: number;
  /** Order of the first occurrence, to break ties towards the title's start. */
  position: number;
}

export interface KeyPhrase {
  key: string;
  name: string;
  score: number;
}

export interface SelectOptions {
  /** Most phrases returned. */
  limit?: number;
  /** Lowest score kept. */
  minScore?: number;
}

export const MAX_NGRAM = 3;
export const MAX_KEY_PHRASES = 5;
/**
 * With the prior below, a phrase never seen scores ln(20) ≈ 3 per occurrence: one title
 * occurrence (weight 2) of a phrase in up to ~20% of the background, or a lead-only one in up to
 * ~5%, passes.
 */
export const MIN_SCORE = 3;
/**
 * Pseudo-articles added to the background: until it has seen that many articles every phrase
 * looks equally rare, so a storage that has just started still finds phrases (by weight) rather
 * than none.
 */
export const PRIOR_DOCUMENTS = 20;
/** Longer phrases are dropped: a name this long is a sentence, not a topic. */
const MAX_NAME_LENGTH = 100;

/**
 * Every n-gram (n ≤ {@link MAX_NGRAM} words, a ZWNJ-joined word counting as its parts) of the texts
 * that contains no stopword (Persian, Arabic, English, news boilerplate, and those of `language`
 * when it is another; so none starts or ends with one), does not end with a compound head
 * (نخست) and does not cross punctuation, merged by key.
 */
export function phraseCandidates(
  texts: readonly WeightedText[],
  language?: string | null,
): PhraseCandidate[] {
  const extra = extraStopwords(language);
  const byKey = new Map<string, PhraseCandidate>();
  let position = 0;
  for (const { text, weight } of texts) {
    if (!text) continue;
    for (const tokens of tokenStretches(text)) {
      for (let start = 0; start < tokens.length; start++) {
        // Keys grow a word at a time: an n-gram's key is the (n-1)-gram's plus one word.
        let key = '';
        for (let end = start; end < start + MAX_NGRAM && end < tokens.length; end++) {
          const last = tokens[end];
          if (last.stop || extra?.has(last.key)) break; // longer n-grams from here contain it too
          key = end === start ? last.key : key + keyGlue(tokens[end - 1], last) + last.key;
          if (last.head) continue;
          const seen = byKey.get(key);
          if (seen) {
            seen.weight += weight;
            continue;
          }
          const words = tokens.slice(start, end + 1);
          const name = joinTexts(words);
          if (name.length <= MAX_NAME_LENGTH) {
            byKey.set(key, { key, name, words: words.map((w) => w.key), weight, position: position++ });
          }
        }
      }
    }
  }
  return [...byKey.values()];
}

/** TF·IDF with a smoothed background: ln((N + prior) / (df + 1)) per unit of weight. */
export function phraseScore(
  candidate: Pick<PhraseCandidate, 'key' | 'weight'>,
  background: DocumentFrequency,
): number {
  const idf = Math.log((background.documents + PRIOR_DOCUMENTS) / (background.frequency(candidate.key) + 1));
  return candidate.weight * idf;
}

/**
 * The best candidates above the threshold, best first. A candidate sharing a word with a phrase
 * already chosen is skipped: "مسعود پزشکیان" and "پزشکیان" in one article are one topic there,
 * whichever the background finds more telling, and "نخست وزیر" leaves no room for "وزیر عراق".
 * Ties go to the earlier, then the shorter; so a compound whose tail word is never seen alone
 * (جمهور in رئیس جمهور: the same frequency, so the same score) wins over that tail.
 */
export function selectKeyPhrases(
  candidates: readonly PhraseCandidate[],
  background: DocumentFrequency,
  options: SelectOptions = {},
): KeyPhrase[] {
  const limit = options.limit ?? MAX_KEY_PHRASES;
  const minScore = options.minScore ?? MIN_SCORE;
  const scored = candidates
    .map((candidate) => ({ candidate, score: phraseScore(candidate, background) }))
    .filter((s) => s.score >= minScore)
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.candidate.position - b.candidate.position ||
        a.candidate.words.length - b.candidate.words.length,
    );
  const chosen: { candidate: PhraseCandidate; score: number }[] = [];
  for (const s of scored) {
    if (chosen.length >= limit) break;
    if (chosen.some((c) => c.candidate.words.some((word) => s.candidate.words.includes(word)))) continue;
    chosen.push(s);
  }
  return chosen.map(({ candidate, score }) => ({ key: candidate.key, name: candidate.name, score }));
}
