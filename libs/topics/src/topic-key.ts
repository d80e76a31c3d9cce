// A topic's key is the one form every spelling of its name folds to, so that
// counts, filters and the live stream agree on "the same topic" whichever way
// a feed or an editor typed it. Keys are for storage and lookups only; the
// display name (the article's spelling, ZWNJ intact; Persian letters in a
// Persian article, see article-topics.ts) is kept beside the key.

import { normalizeForSearch } from '@news/persian';

import { ARABIC_SCRIPT_LETTER } from './script.js';

// Punctuation and symbols around a name (#hashtags, quotes, «», trailing dots)
// are decoration, not part of the topic.
const EDGE_DECORATION = /^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu;
// Persian compounds are written with a ZWNJ, a space or nothing
// (نخست‌وزیر / نخست وزیر / نخستوزیر). normalizeForSearch already drops the
// ZWNJ; dropping a space between two Arabic-script letters as well makes the
// three one key. Latin phrases keep their spaces ("new york" stays readable).
const SPACE_INSIDE_ARABIC_SCRIPT = new RegExp(
  `(?<=${ARABIC_SCRIPT_LETTER}) (?=${ARABIC_SCRIPT_LETTER})`,
  'gu',
);

/**
 * Normalized key of a topic name: {@link normalizeForSearch} (ي/ك → ی/ک, ZWNJ and other invisible
 * characters removed, digits ASCII, Latin lower-cased, whitespace collapsed), surrounding punctuation
 * trimmed, and spaces between Arabic-script letters removed. Idempotent; `''` for a name with no
 * content (callers must skip such names).
 */
export function topicKey(name: string): string {
  return normalizeForSearch(name).replace(EDGE_DECORATION, '').replace(SPACE_INSIDE_ARABIC_SCRIPT, '');
}
