/**
 * SQLSTATE classes that mean "this row is wrong" (22 data exception, 23 integrity violation)
 * rather than "the database is unwell": only these are worth isolating and skipping a message
 * for; anything else is retried with the whole batch.
 */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
