export * from './bootstrap.js';
export * from './database.js';
export * from './env.js';
