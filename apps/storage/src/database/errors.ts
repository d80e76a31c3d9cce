/**
 * SQLSTATE classes that mean "this row is wrong" (22 data exception, 23 integrity violation)
 * rather than "the database is unwell": only these are worth isolating and skipping a message
 * for; anything else is retried with the whole batch.
 */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/** Node's errors for a server that cannot be reached at all. */
const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Errors that mean "the database cannot be reached, or cannot take work now" rather than "this
 * query is wrong": a network failure; a connection the server closed (pg's "Connection terminated");
 * no free connection in time; SQLSTATE classes 08 (connection exception), 53 (insufficient
 * resources: too many connections, disk full) and 57P (the server shutting down or starting up).
 * TypeORM's QueryFailedError is judged by the driver's error inside it.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown } | null;
  if (e?.driverError) return isDatabaseUnavailable(e.driverError);
  const code = typeof e?.code === 'string' ? e.code : '';
  if (NETWORK_ERRORS.has(code) || /^(08|53|57P)/.test(code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /^Connection terminated|timeout exceeded when trying to connect/.test(message);
}
