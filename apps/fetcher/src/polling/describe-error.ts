import { FeedParseError } from '@news/feeds';
import { FetchError } from '@news/http-fetch';

/** One line for logs, item state and feed status: our own errors already say what went wrong. */
export function describeError(error: unknown): string {
  if (error instanceof FetchError || error instanceof FeedParseError) return error.message;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
