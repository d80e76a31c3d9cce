import type { ExtractionLayer } from '@news/contracts';
import { mostPrecise, type PageDate } from './publication-date.js';

/** A layer and how to read the field from it; read only when the layers before it had nothing. */
export type Candidate<T> = [ExtractionLayer, () => T | null | undefined];

/**
 * The first layer that has a value wins, and the article remembers which
 * layer that was: dashboards show extraction health per source from it.
 * Later layers are not even computed, which keeps the common case (a site
 * profile or structured data answers) cheap.
 */
export class FieldCascade {
  readonly extractedBy: Record<string, ExtractionLayer> = {};

  pick<T>(field: string, ...candidates: Candidate<T>[]): T | null {
    for (const [layer, read] of candidates) {
      const value = read();
      if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
      this.extractedBy[field] = layer;
      return value;
    }
    return null;
  }

  /**
   * Like pick, except that a date without its time of day gives way to a
   * later layer's date-and-time on the same day (see mostPrecise).
   */
  pickDate(field: string, candidates: Candidate<PageDate>[]): PageDate | null {
    const found: [ExtractionLayer, PageDate][] = [];
    for (const [layer, read] of candidates) {
      const value = read();
      if (!value) continue;
      found.push([layer, value]);
      if (found[0][1].hasTime) break;
    }
    const chosen = mostPrecise(found.map(([, d]) => d));
    const entry = found.find(([, d]) => d === chosen);
    if (entry) this.extractedBy[field] = entry[0];
    return chosen;
  }

  record(field: string, layer: ExtractionLayer): void {
    this.extractedBy[field] = layer;
  }
}
