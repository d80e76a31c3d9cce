// The background a phrase is scored against: in how many recent articles it
// occurred. Kept in process, in fixed memory, because it is read and updated
// for every candidate n-gram of every article (~30 per article, 150,000 a
// second at the target ingestion rate): a table updated per batch would cost
// more than the articles themselves and serialize concurrent writers on hot
// rows. Each storage instance learns from the articles it stores (its share
// of the partitions is a fair sample of the stream) and warms up from the
// newest stored articles when it starts.

/** Document frequencies of phrase keys over a background of recent articles. */
export interface DocumentFrequency {
  /** Articles in the background. */
  readonly documents: number;
  /** Articles of the background the phrase occurred in (an estimate that may only be too high). */
  frequency(key: string): number;
}

export interface RollingOptions {
  /** Articles per generation; the background is the current generation plus the previous one. */
  generationSize?: number;
  /** Counters per hash row (a power of two). */
  width?: number;
}

const HASH_ROWS = 2;

/**
 * A count-min sketch per generation, two generations kept: a phrase's frequency is the sum over
 * the current and the previous generation, so the background is always the last 1–2 ×
 * `generationSize` articles and old news fades without per-article bookkeeping. Memory is fixed
 * (2 × 2 × width × 4 bytes: 16 MiB by default); collisions can only raise an estimate, which
 * lowers a phrase's score a little, never invents one.
 */
export class RollingDocumentFrequency implements DocumentFrequency {
  private readonly generationSize: number;
  private readonly mask: number;
  private current: Uint32Array;
  private previous: Uint32Array;
  private currentDocuments = 0;
  private previousDocuments = 0;

  constructor(options: RollingOptions = {}) {
    this.generationSize = options.generationSize ?? 20_000;
    const width = options.width ?? 1 << 20;
    if (width <= 0 || (width & (width - 1)) !== 0) throw new RangeError('width must be a power of two');
    this.mask = width - 1;
    this.current = new Uint32Array(width * HASH_ROWS);
    this.previous = new Uint32Array(width * HASH_ROWS);
  }

  get documents(): number {
    return this.currentDocuments + this.previousDocuments;
  }

  frequency(key: string): number {
    const [a, b] = this.slots(key);
    return Math.min(this.current[a] + this.previous[a], this.current[b] + this.previous[b]);
  }

  /** One article's distinct phrase keys (duplicates within the iterable are counted once). */
  add(keys: Iterable<string>): void {
    if (this.currentDocuments >= this.generationSize) this.rotate();
    for (const key of new Set(keys)) {
      const [a, b] = this.slots(key);
      this.current[a]++;
      this.current[b]++;
    }
    this.currentDocuments++;
  }

  private rotate(): void {
    const recycled = this.previous;
    recycled.fill(0);
    this.previous = this.current;
    this.previousDocuments = this.currentDocuments;
    this.current = recycled;
    this.currentDocuments = 0;
  }

  /** Two counter positions, one per hash row (FNV-1a with two offset bases). */
  private slots(key: string): [number, number] {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193 ^ 0x5bd1e995;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h2 >>> 15);
    }
    return [h1 & this.mask, this.mask + 1 + (h2 & this.mask)];
  }
}
