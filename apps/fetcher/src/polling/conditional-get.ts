import type { FetchedResource } from '@news/http-fetch';

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** Request headers that let the server answer 304 when the feed has not changed since we last read it. */
export function conditionalHeaders({ etag, lastModified }: Validators): Record<string, string> {
  return {
    ...(etag ? { 'if-none-match': etag } : {}),
    ...(lastModified ? { 'if-modified-since': lastModified } : {}),
  };
}

/**
 * The validators of a changed feed (a 200). A 304 is not read here: some
 * servers send different validators with it, and keeping the ones that
 * matched is what makes the next request conditional on the same version.
 */
export function validatorsOf(response: FetchedResource): Validators {
  return { etag: response.headers.etag ?? null, lastModified: response.headers['last-modified'] ?? null };
}
