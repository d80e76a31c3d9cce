import { FeedParseError } from '@news/feeds';
import { FetchError } from '@news/http-fetch';
import { RobotsRefusal } from '../politeness/robots-refusal.js';

/** One line for logs, item state and feed status: our own errors already say what went wrong. */
export function describeError(error: unknown): string {
  if (error instanceof FetchError || error instanceof FeedParseError || error instanceof RobotsRefusal)
    return error.message;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
