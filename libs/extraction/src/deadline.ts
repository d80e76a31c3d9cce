import { ExtractionError } from './extraction-error.js';

/** How often tick() reads the clock: often enough to stop within a fraction of a millisecond. */
const TICKS_PER_CHECK = 256;

/**
 * The time one page may take. Structural limits (input size, nesting) keep
 * the common hostile shapes out, but only a clock bounds what is left: the
 * main loops tick as they go, and past the bound the page becomes an
 * ExtractionError (a dead letter) rather than holding up the partition.
 */
export class Deadline {
  private readonly endsAt: number;
  private untilCheck = TICKS_PER_CHECK;

  constructor(
    readonly limitMs: number,
    private readonly url: string,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.endsAt = clock() + limitMs;
  }

  /** Reads the clock now: between the stages of the extraction. */
  check(): void {
    if (this.clock() >= this.endsAt) {
      throw new ExtractionError(`extraction exceeded ${this.limitMs} ms`, this.url);
    }
  }

  /** One step of a loop: reads the clock every few hundred steps. */
  tick(): void {
    if (--this.untilCheck > 0) return;
    this.untilCheck = TICKS_PER_CHECK;
    this.check();
  }
}
