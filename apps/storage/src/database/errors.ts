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

/** The driver's error: TypeORM's QueryFailedError is judged by the one inside it. */
function driverError(error: unknown): { code: string; message: string } {
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown } | null;
  if (e?.driverError) return driverError(e.driverError);
  return {
    code: typeof e?.code === 'string' ? e.code : '',
    message: typeof e?.message === 'string' ? e.message : '',
  };
}

/**
 * Errors that mean "the database cannot be reached, or cannot take work now" rather than "this
 * query is wrong": a network failure; a connection the server closed (pg's "Connection terminated");
 * no free connection in time; SQLSTATE classes 08 (connection exception), 53 (insufficient
 * resources: too many connections, disk full) and 57P (the server shutting down or starting up).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = driverError(error);
  if (NETWORK_ERRORS.has(code) || /^(08|53|57P)/.test(code)) return true;
  return /^Connection terminated|timeout exceeded when trying to connect/.test(message);
}

/** A statement PostgreSQL cancelled for running past statement_timeout (57014 is also a manual cancel). */
export function isStatementTimeout(error: unknown): boolean {
  const { code, message } = driverError(error);
  return code === '57014' && message.includes('statement timeout');
}
