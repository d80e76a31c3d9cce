export { topicKey } from './topic-key.js';
export { isStopword, NEWS_BOILERPLATE } from './stopwords.js';
export {
  RollingDocumentFrequency,
  type DocumentFrequency,
  type RollingOptions,
} from './document-frequency.js';
export {
  MAX_KEY_PHRASES,
  MAX_NGRAM,
  MIN_SCORE,
  phraseCandidates,
  phraseScore,
  selectKeyPhrases,
  type KeyPhrase,
  type PhraseCandidate,
  type SelectOptions,
  type WeightedText,
} from './key-phrases.js';
export {
  MAX_TAGS,
  mergeTopics,
  TopicExtractor,
  topicName,
  type ArticleTopic,
  type TopicAnalysis,
  type TopicKind,
  type TopicSource,
} from './article-topics.js';
