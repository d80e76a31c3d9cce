export const FETCHER_COUNTERS = [
  'feeds-polled',
  'feeds-not-modified',
  'feeds-failed',
  'articles-published',
  'pages-failed',
] as const;
export type FetcherCounter = (typeof FETCHER_COUNTERS)[number];
