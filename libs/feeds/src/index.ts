export * from './feed-parser.js';
