/**
 * Whether a database error may go away by itself (retry) or never will (the data or the statement
 * is refused for good). PostgreSQL's SQLSTATE classes: 08 connection, 40 transaction rollback
 * (serialization, deadlock), 53 insufficient resources, 55 lock not available, 57 operator
 * intervention (shutdown, cancel), 58 system error. Everything else with a SQLSTATE — data
 * exceptions (22: NUL in text, too long), integrity violations (23), undefined columns (42) — is
 * permanent. Errors without a SQLSTATE are node's own (connection refused, reset, pool timeout).
 */
const TRANSIENT_CLASSES = new Set(['08', '40', '53', '55', '57', '58']);

export interface DatabaseErrorFacts {
  transient: boolean;
  /** SQLSTATE, or the node error code: safe to log and store. */
  code: string;
  table?: string;
  constraint?: string;
}

export function classifyDatabaseError(error: unknown): DatabaseErrorFacts {
  const raw = (error ?? {}) as {
    code?: unknown;
    table?: unknown;
    constraint?: unknown;
    driverError?: unknown;
  };
  const driver = (raw.driverError ?? raw) as typeof raw;
  const code = typeof driver.code === 'string' ? driver.code : undefined;
  const sqlState = code && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
  const facts = {
    ...(typeof driver.table === 'string' ? { table: driver.table } : {}),
    ...(typeof driver.constraint === 'string' ? { constraint: driver.constraint } : {}),
  };
  if (sqlState) {
    return { transient: TRANSIENT_CLASSES.has(sqlState.slice(0, 2)), code: sqlState, ...facts };
  }
  if (code) return { transient: true, code, ...facts };
  // No code: a driver or pool message ("Connection terminated", "timeout exceeded when trying to
  // connect") is transient; a programming error (TypeError…) is not.
  const isBug =
    error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError;
  return { transient: !isBug, code: isBug ? error.name : 'unknown', ...facts };
}
