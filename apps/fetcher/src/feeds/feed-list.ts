import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '@news/runtime';
import type { ConfiguredFeed } from '../state/feed.repository.js';

const FeedsFileSchema = z.object({
  feeds: z.array(z.object({ url: z.url(), name: z.string().optional() })).min(1),
});

/**
 * The feeds to poll: `NEWS_FEEDS` (comma-separated URLs) when set, else the
 * list in the feeds file. Each URL must be http(s).
 */
export function resolveFeedUrls(newsFeeds: string | undefined, feedsFile: string): string[] {
  return resolveConfiguredFeeds(newsFeeds, feedsFile).map((f) => f.url);
}

/** As `resolveFeedUrls`, with the file's `name` of each feed (NEWS_FEEDS has none). */
export function resolveConfiguredFeeds(newsFeeds: string | undefined, feedsFile: string): ConfiguredFeed[] {
  const feeds: ConfiguredFeed[] = newsFeeds
    ? newsFeeds
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean)
        .map((url) => ({ url }))
    : readFeedsFile(feedsFile);
  for (const { url } of feeds) {
    let protocol: string;
    try {
      protocol = new URL(url).protocol;
    } catch {
      throw new ConfigError(`invalid NEWS_FEEDS entry ${JSON.stringify(url)}: not a URL`);
    }
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new ConfigError(
        `invalid NEWS_FEEDS entry ${JSON.stringify(url)}: only http and https feeds are polled`,
      );
    }
  }
  if (feeds.length === 0) throw new ConfigError('invalid NEWS_FEEDS: no feed URL given');
  const seen = new Set<string>();
  return feeds.filter((f) => !seen.has(f.url) && seen.add(f.url));
}

function readFeedsFile(path: string): ConfiguredFeed[] {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`invalid FEEDS_FILE (${JSON.stringify(path)}): cannot read the file`);
  }
  const parsed = FeedsFileSchema.safeParse(parse(raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `invalid FEEDS_FILE (${JSON.stringify(path)}): ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return parsed.data.feeds.map((f) => (f.name ? { url: f.url, name: f.name } : { url: f.url }));
}
