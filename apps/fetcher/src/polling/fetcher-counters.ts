export const FETCHER_COUNTERS = [
  'feeds-polled',
  'feeds-not-modified',
  'feeds-failed',
  'articles-published',
  'pages-failed',
  /** Article pages given up because the site's robots.txt disallows them for our User-Agent. */
  'pages-robots-disallowed',
] as const;
export type FetcherCounter = (typeof FETCHER_COUNTERS)[number];
