/**
 * Collapses runs of whitespace to one space. `\s` does not match U+200C
 * (ZWNJ) or U+200D, so the joiners inside Persian words survive untouched.
 */
export function cleanText(text: string | undefined | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

export function nonEmpty(text: string | undefined | null): string | null {
  const cleaned = cleanText(text);
  return cleaned.length > 0 ? cleaned : null;
}
