/** A page that is not an article we can use; the reason goes to the dead-letter topic. */
export class ExtractionError extends Error {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(`${message} (${url})`);
    this.name = 'ExtractionError';
  }
}
