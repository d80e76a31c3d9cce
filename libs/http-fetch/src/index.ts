export * from './address-guard.js';
export * from './charset.js';
export * from './fetch-error.js';
export * from './http-fetcher.js';
