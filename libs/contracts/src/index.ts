export * from './article.js';
export * from './cloud-events.js';
export * from './dead-letter.js';
export * from './feed-status.js';
export * from './json-schemas.js';
export * from './raw-article.js';
export * from './schema-registry.js';
export * from './topics.js';
