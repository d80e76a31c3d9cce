export * from './feed-parser.js';
export { parseJsonFeed } from './json-feed.js';
export { repairXml } from './xml-repair.js';
