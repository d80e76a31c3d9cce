export * from './batch-consumer.js';
export * from './codec.js';
export * from './dead-letter.js';
export * from './event-publisher.js';
export * from './kafka-client.js';
export * from './topic-range.js';
export * from './topics.js';
