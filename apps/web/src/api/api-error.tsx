/** Errors of the Schakel API, mapped to what a caseworker can act on. */

export type ErrorKind =
  | 'offline'
  | 'signedOut'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'invalid'
  | 'notAllowedNow'
  | 'tooLarge'
  | 'server';

/** One problem with one field of the submitted form, keyed by the form's field id. */
export interface FieldProblem {
  field: string;
  message: string;
  /** The API's code for the problem, when it gives one (required-missing, bsn-not-allowed…). */
  code?: string;
}

export class ApiError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly status: number,
    readonly serverMessage: string,
    readonly fieldProblems: FieldProblem[] = [],
    readonly requestId?: string,
    /** The raw `errors` of the body (for a model: its located problems). */
    readonly errors: unknown[] = [],
    /** What stands in the way, where the server names it (a refused case action's code). */
    readonly code?: string,
  ) {
    super(serverMessage || kind);
    this.name = 'ApiError';
  }
}

const KIND_BY_STATUS: Record<number, ErrorKind> = {
  400: 'invalid',
  401: 'signedOut',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
  413: 'tooLarge',
  422: 'notAllowedNow',
};

export function errorKind(status: number): ErrorKind {
  if (status === 0) return 'offline';
  return KIND_BY_STATUS[status] ?? (status >= 500 ? 'server' : 'invalid');
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((item) => typeof item === 'string').join('; ');
  return '';
}

/** "data.amount-owed" and "amount-owed" both name the form field "amount-owed". */
function formField(field: string): string {
  return field.replace(/^data\./, '');
}

function fieldProblems(errors: unknown): FieldProblem[] {
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { field, reason, message, code } = entry as Record<string, unknown>;
    if (typeof field !== 'string' || !field) return [];
    const problem: FieldProblem = {
      field: formField(field),
      message: text(message) || text(reason),
    };
    if (typeof code === 'string' && code) problem.code = code;
    return [problem];
  });
}

/** Builds the ApiError for a failed response from its status and (JSON) body. */
export function toApiError(status: number, body: unknown): ApiError {
  const shape = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const requestId = typeof shape.requestId === 'string' ? shape.requestId : undefined;
  return new ApiError(
    errorKind(status),
    status,
    text(shape.message),
    fieldProblems(shape.errors),
    requestId,
    Array.isArray(shape.errors) ? shape.errors : [],
    typeof shape.code === 'string' ? shape.code : undefined,
  );
}

export function offlineError(): ApiError {
  return new ApiError('offline', 0, '');
}
