/** An article page not fetched because of the site's robots.txt: disallowed for good, or unknown for now. */
export class RobotsRefusal extends Error {
  constructor(
    readonly url: string,
    reason: string,
    /** True when the rules forbid the page: it is given up rather than retried. */
    readonly isPermanent: boolean,
  ) {
    super(`${reason} (${url})`);
    this.name = 'RobotsRefusal';
  }
}
