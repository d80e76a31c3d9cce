export * from './logger.js';
export * from './progress.js';
