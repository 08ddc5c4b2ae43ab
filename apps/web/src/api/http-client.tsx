import { offlineError, toApiError } from './api-error';

type Query = Record<string, string | number | undefined>;

export interface RequestOptions {
  query?: Query;
  /** JSON-serialised unless it is a string (then sent as is, with contentType). */
  body?: unknown;
  contentType?: string;
  accept?: string;
  headers?: Record<string, string>;
  /** Read the body as text whatever its type (downloads). */
  asText?: boolean;
}

/** Attempts per request: the first and two retries on an outage (network, 502, 503, 504). */
const MAX_ATTEMPTS = 3;
const RETRYABLE = new Set([502, 503, 504]);
/** Waits before a retry: the server's Retry-After when it gives one (capped), else a short backoff. */
const MAX_WAIT_MS = 5_000;
const waitBeforeRetry = (attempt: number, retryAfter: string | null): Promise<void> => {
  const seconds = Number(retryAfter);
  const ms = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 500 * 3 ** (attempt - 1);
  return new Promise((done) => setTimeout(done, Math.min(ms, MAX_WAIT_MS)));
};

/**
 * Sent once: a retry with the same Idempotency-Key is not carried out twice. Every write gets a key
 * of its own anyway; pass one to keep it across the user's own repeated submits of one form.
 */
export function once(key: string = crypto.randomUUID()): { headers: Record<string, string> } {
  return { headers: { 'Idempotency-Key': key } };
}

function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) return response.json();
  return response.text();
}

/** Talks to the Schakel API on the same origin with the signed-in user's bearer token. */
export class HttpClient {
  constructor(
    private readonly token: () => string | null,
    private readonly onSignedOut: () => void,
  ) {}

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  put<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }

  patch<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  delete<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('DELETE', path, options);
  }

  /**
   * One request; on an outage it is retried with the same Idempotency-Key (every write carries one),
   * so the server acts once however often the answer was lost.
   */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = {
      Accept: options.accept ?? 'application/json',
      ...(method === 'GET' ? {} : { 'Idempotency-Key': crypto.randomUUID() }),
      ...options.headers,
    };
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      const raw = typeof options.body === 'string';
      headers['Content-Type'] = options.contentType ?? (raw ? 'text/plain' : 'application/json');
      body = raw ? (options.body as string) : JSON.stringify(options.body);
    }
    let response: Response | undefined;
    for (let attempt = 1; ; attempt += 1) {
      try {
        response = await fetch(withQuery(path, options.query), { method, headers, body });
      } catch {
        response = undefined;
      }
      // A 409 with Retry-After is the same request still in flight (Idempotency-Key), not a refusal.
      const inFlight = response?.status === 409 && response.headers.has('retry-after');
      const retry = response === undefined || RETRYABLE.has(response.status) || inFlight;
      if (!retry || attempt === MAX_ATTEMPTS) break;
      await waitBeforeRetry(attempt, response?.headers.get('retry-after') ?? null);
    }
    if (!response) throw offlineError();
    const payload =
      options.asText && response.ok ? await response.text() : await readBody(response);
    if (response.ok) return payload as T;
    if (response.status === 401 && token) this.onSignedOut();
    throw toApiError(response.status, payload);
  }
}
