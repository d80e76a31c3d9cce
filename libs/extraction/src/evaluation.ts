/** Words of a text: letters, digits and the joiners inside Persian words (ZWNJ) kept together. */
export function tokens(text: string): string[] {
  return text.match(/[\p{L}\p{N}\p{M}\u200c]+/gu) ?? [];
}

/**
 * Bag-of-tokens precision and recall of `extracted` against `expected`, the
 * measure extraction benchmarks use for body text: recall is how much of the
 * article was found, precision how little else came with it.
 */
export function tokenPrecisionRecall(
  extracted: string,
  expected: string,
): { precision: number; recall: number; f1: number } {
  const want = new Map<string, number>();
  for (const t of tokens(expected)) want.set(t, (want.get(t) ?? 0) + 1);
  const got = tokens(extracted);
  let overlap = 0;
  for (const t of got) {
    const left = want.get(t) ?? 0;
    if (left > 0) {
      overlap++;
      want.set(t, left - 1);
    }
  }
  const expectedCount = tokens(expected).length;
  const precision = got.length === 0 ? 0 : overlap / got.length;
  const recall = expectedCount === 0 ? 1 : overlap / expectedCount;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
