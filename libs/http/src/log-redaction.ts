/**
 * What a log line may say about a request or an error: ids, codes, routes, tables, constraints —
 * never case data. Request and response bodies are not logged at all; query strings keep their
 * parameter names only; database errors lose their SQL, parameters, detail and quoted values.
 */

/** Error fields that name where something failed without quoting a value. */
const DATABASE_ERROR_FIELDS = [
  'code',
  'severity',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'routine',
] as const;
const DATABASE_ERROR_TYPES = new Set(['QueryFailedError', 'DatabaseError']);
const SQLSTATE = /^[0-9A-Z]{5}$/;
const MAX_CAUSES = 5;

export interface SafeError {
  type: string;
  message: string;
  stack?: string;
  code?: string | number;
  [field: string]: unknown;
}

type ErrorLike = Error & {
  code?: unknown;
  severity?: unknown;
  driverError?: unknown;
  type?: unknown;
  cause?: unknown;
  [field: string]: unknown;
};

/** `/tasks?view=mine&search=x` → `/tasks?view&search`: which filters, not their values. */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const question = url.indexOf('?');
  if (question < 0) return url;
  const names = new URLSearchParams(url.slice(question + 1)).keys();
  return `${url.slice(0, question)}?${[...new Set(names)].join('&')}`;
}

/**
 * TypeORM's QueryFailedError, pg's DatabaseError, or a Temporal failure that carries one (its
 * `type` is the original error's name): their messages may quote the offending value.
 */
function isDatabaseError(error: ErrorLike): boolean {
  return (
    DATABASE_ERROR_TYPES.has(error.name) ||
    (typeof error.type === 'string' && DATABASE_ERROR_TYPES.has(error.type)) ||
    error.driverError !== undefined ||
    (typeof error.code === 'string' && SQLSTATE.test(error.code) && error.severity !== undefined)
  );
}

/** PostgreSQL quotes values (and names) in double quotes: `invalid input syntax for type uuid: "…"`. */
const withoutQuotedValues = (text: string): string => text.replace(/"[^"\n]*"/g, '"[redacted]"');

/**
 * Replaces pino's error serializer: type, message, stack, code and the cause chain, plus the
 * location fields of a database error. Everything else an error object carries (TypeORM's `query`
 * and `parameters`, pg's `detail`, `where` and `hint`, a driver error) is left out, and a database
 * error's message and stack lose their quoted values.
 */
export function safeError(value: unknown, depth = 0): SafeError | unknown {
  if (!(value instanceof Error)) return value;
  const error = value as ErrorLike;
  const database = isDatabaseError(error);
  const scrub = (text: string | undefined) =>
    text === undefined || !database ? text : withoutQuotedValues(text);
  const driver = (error.driverError ?? error) as ErrorLike;
  const safe: SafeError = {
    type: error.name,
    message: scrub(error.message) as string,
    stack: scrub(error.stack),
  };
  if (typeof error.type === 'string') safe.failureType = error.type;
  if (typeof error.code === 'string' || typeof error.code === 'number') safe.code = error.code;
  if (database) {
    const located: Record<string, unknown> = safe;
    for (const field of DATABASE_ERROR_FIELDS) {
      if (driver[field] !== undefined) located[field] = driver[field];
    }
  }
  if (error.cause !== undefined && depth < MAX_CAUSES)
    safe.cause = safeError(error.cause, depth + 1);
  return safe;
}

interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  remoteAddress?: string;
}

/** pino-http's request, without query values, body, params or headers beyond a few harmless ones. */
export function safeRequest(request: SerializedRequest): Record<string, unknown> {
  const headers = request.headers ?? {};
  return {
    id: request.id,
    method: request.method,
    url: redactUrl(request.url),
    userAgent: headers['user-agent'],
    contentLength: headers['content-length'],
    remoteAddress: request.remoteAddress,
  };
}

/** pino-http's response: the status only (no headers, no body). */
export function safeResponse(response: { statusCode?: number }): Record<string, unknown> {
  return { statusCode: response.statusCode };
}

/** Keys under which the Temporal SDK or its core could hand a log call payloads or failures. */
const PAYLOAD_KEYS = new Set([
  'args',
  'input',
  'result',
  'payload',
  'payloads',
  'details',
  'data',
  'memo',
  'failure',
  'headers',
]);

/**
 * Metadata of a Temporal SDK log entry as it may be logged: ids, names, numbers and flags; the
 * `error` through safeError; objects and anything that could hold a payload left out.
 */
export function safeLogMeta(meta: Record<string, unknown> | undefined): Record<string, unknown> {
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta ?? {})) {
    const primitive = ['string', 'number', 'boolean'].includes(typeof value);
    if (key === 'error' || key === 'err') safe.err = safeError(value);
    else if (primitive && !PAYLOAD_KEYS.has(key)) safe[key] = value;
  }
  return safe;
}
