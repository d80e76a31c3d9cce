// The storage API as the dashboard reads it: same origin, JSON, shapes from the README.

export interface CountPoint {
  t: string;
  count: number;
}

export interface Stats {
  ingestion: { perMinute: CountPoint[]; perHour: CountPoint[]; lastMinute: number; lastHour: number };
  latency: {
    window: string;
    count: number;
    p50Ms: number | null;
    p95Ms: number | null;
    p99Ms: number | null;
  };
  deadLetters: Record<string, number | null>;
}

export interface Source {
  id: string;
  name: string;
  domain: string;
}

export interface TopicRef {
  key: string;
  name: string;
}

export interface ListedArticle {
  id: string;
  title: string;
  kicker: string | null;
  lead: string | null;
  url: string;
  source: Source;
  publishedAt: string | null;
  /** In stream events; list items have fetchedAt instead. */
  sortAt?: string;
  fetchedAt?: string;
  topics?: TopicRef[];
  tags?: string[];
}

export interface ArticlePage {
  items: ListedArticle[];
  nextCursor: string | null;
}

export interface SourceSummary extends Source {
  articleCount: number;
  lastArticleAt: string | null;
}

export interface TopicCount extends TopicRef {
  count: number;
}

export interface TrendingTopic extends TopicCount {
  baseline: number;
  zScore: number;
}

export interface TopicList<T> {
  window: string;
  from: string;
  to: string;
  items: T[];
}

export interface TopicSeries {
  topic: TopicRef;
  bucket: string;
  points: CountPoint[];
}

export interface FeedHealth {
  feedId: string;
  feedUrl: string;
  status: 'healthy' | 'failing';
  lastOutcome: string;
  lastPolledAt: string;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
}

export interface FeedHealthList {
  items: FeedHealth[];
  summary: { total: number; healthy: number; failing: number };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(path: string, params: Record<string, string> = {}): Promise<T> {
  const query = new URLSearchParams(params).toString();
  const response = await fetch(query ? `${path}?${query}` : path, {
    headers: { accept: 'application/json' },
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { message?: unknown } | null)?.message;
    throw new ApiError(response.status, typeof message === 'string' ? message : `HTTP ${response.status}`);
  }
  return body as T;
}

/** The time an article is listed by: published, else fetched (the API's sortAt). */
export function articleTime(article: ListedArticle): string | null {
  return article.sortAt ?? article.publishedAt ?? article.fetchedAt ?? null;
}
