export * from './default-profiles.js';
export * from './extract-article.js';
export * from './site-profile.js';
export * from './evaluation.js';
export * from './url.js';
