import type { ExtractionLayer } from '@news/contracts';

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

  record(field: string, layer: ExtractionLayer): void {
    this.extractedBy[field] = layer;
  }
}
