export * from './consumer-lag.js';
export * from './health.js';
export * from './http-request-metrics.js';
export * from './logger.js';
export * from './metrics.controller.js';
export * from './progress.js';
