import type { ExtractionLayer } from '@news/contracts';

export type Candidate<T> = [ExtractionLayer, T | null | undefined];

/**
 * The first layer that has a value wins, and the article remembers which
 * layer that was: dashboards show extraction health per source from it.
 */
export class FieldCascade {
  readonly extractedBy: Record<string, ExtractionLayer> = {};

  pick<T>(field: string, ...candidates: Candidate<T>[]): T | null {
    for (const [layer, value] of candidates) {
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
