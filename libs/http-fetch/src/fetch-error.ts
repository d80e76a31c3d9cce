export type FetchErrorKind =
  'bad-url' | 'blocked-address' | 'http-status' | 'too-large' | 'timeout' | 'too-many-redirects' | 'network';

/** Why a fetch failed, in a form both logs and retry decisions can use. */
export class FetchError extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    readonly url: string,
    message: string,
    readonly status?: number,
    /** Response headers of an HTTP error, so callers can read `Retry-After`; empty for other failures. */
    readonly headers: Record<string, string> = {},
  ) {
    super(`${message} (${url})`);
    this.name = 'FetchError';
  }

  /** A 404 or a refused address will not get better by trying again soon. */
  get isPermanent(): boolean {
    if (this.kind === 'http-status')
      return (
        this.status !== undefined &&
        this.status >= 400 &&
        this.status < 500 &&
        this.status !== 429 &&
        this.status !== 408
      );
    return this.kind === 'bad-url' || this.kind === 'blocked-address' || this.kind === 'too-large';
  }
}
