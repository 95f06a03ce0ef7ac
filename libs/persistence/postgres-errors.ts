/**
 * Whether an error means "PostgreSQL cannot be reached or is not taking work now" (as opposed to "this statement is
 * wrong"): what the API answers with 503 and what an audit write waits out. SQLSTATE classes 08 (connection
 * exception), 53 (insufficient resources) and 57P (operator intervention: shutdown, starting up), and the socket
 * errors node-postgres gives before any SQLSTATE.
 */
export function isPostgresUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || /^(08|53|57P)/.test(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Whether PostgreSQL refused a value, not the connection: SQLSTATE class 22 (data exception: a NUL in text, an
 * unsupported Unicode escape in jsonb, a number out of range). Retrying such a statement can never succeed.
 */
export function isPostgresDataError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code } = e as { code?: unknown };
    if (typeof code === 'string' && code.startsWith('22')) return true;
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection error|the database system is (starting up|shutting down)|Client was closed/i;
