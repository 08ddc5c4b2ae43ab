import { createHash } from 'node:crypto';
import {
  applyDecorators,
  ConflictException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  UnprocessableEntityException,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, of, type Observable } from 'rxjs';
import { EnvironmentVariables } from '@schakel/config';
import { IdempotencyKeyRepository, type IdempotencyScope } from '@schakel/database';
import { errorBody } from './all-exceptions.filter';
import { RequestValidationError } from './validation.pipe';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** 1–255 printable ASCII characters (a UUID is the usual choice). */
export const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;
/** A completed key is remembered this long; a retry within it gets the first answer. */
export const IDEMPOTENCY_RETAIN_SECONDS = 24 * 3600;
/**
 * An in-flight key older than the longest a request can take — the Update deadline plus this
 * margin for the reads and the audit line around it — belongs to a request whose process died;
 * it can be claimed again (a killed API then blocks its clients' retries for seconds, not minutes).
 */
const LEASE_MARGIN_SECONDS = 15;

/** Marks a replayed answer, so a client (and a log reader) can tell it from a fresh one. */
const REPLAYED_HEADER = 'Idempotent-Replayed';

/** SHA-256 of method, path and body: what makes a retry the same request. */
function fingerprint(request: Request): string {
  const body =
    typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? null);
  return createHash('sha256')
    .update(`${request.method} ${request.originalUrl}\n${body}`)
    .digest('hex');
}

/**
 * Idempotency-Key as in draft-ietf-httpapi-idempotency-key-header, for POSTs that act: keys are
 * scoped to the caller and the route; the first request claims the key; a retry with the same
 * request after it answered gets the stored answer again (same status and body, with
 * `Idempotent-Replayed: true`); the same key with another request is 422; a retry while the first
 * is still in flight is 409; a first request that ends in a 5xx releases the key, so the retry
 * acts afresh (the Temporal update id derived from the key still keeps a workflow from acting
 * twice). Without the header the request is handled as it is.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly leaseSeconds: number;

  constructor(
    private readonly keys: IdempotencyKeyRepository,
    @Inject(EnvironmentVariables) env: EnvironmentVariables,
  ) {
    this.leaseSeconds = Math.ceil(env.UPDATE_DEADLINE_MS / 1000) + LEASE_MARGIN_SECONDS;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { user?: { id: string } }>();
    const response = http.getResponse<Response>();
    const key = request.headers[IDEMPOTENCY_HEADER.toLowerCase()];
    if (key === undefined || !request.user) return next.handle();
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
      throw new RequestValidationError([
        { field: IDEMPOTENCY_HEADER, reason: 'must be 1 to 255 printable ASCII characters' },
      ]);
    }
    const scope: IdempotencyScope = {
      userId: request.user.id,
      route: `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`,
      key,
    };
    const print = fingerprint(request);
    return from(
      this.keys.claim(scope, print, {
        retainSeconds: IDEMPOTENCY_RETAIN_SECONDS,
        leaseSeconds: this.leaseSeconds,
      }),
    ).pipe(
      mergeMap((claim) => {
        if (claim.claimed) return this.handleFirst(scope, response, next);
        const { existing } = claim;
        if (existing.fingerprint !== print) {
          throw new UnprocessableEntityException(
            `This ${IDEMPOTENCY_HEADER} was used for another request; use a new key for a new request`,
          );
        }
        if (existing.status === 'in-flight') {
          response.setHeader('Retry-After', '1');
          throw new ConflictException(
            `A request with this ${IDEMPOTENCY_HEADER} is still being handled; retry once it has answered`,
          );
        }
        response.status(existing.responseStatus ?? HttpStatus.OK);
        response.setHeader(REPLAYED_HEADER, 'true');
        return of(JSON.parse(existing.responseBody ?? 'null') as unknown);
      }),
    );
  }

  /** Runs the request, then stores its answer (a 4xx too: the same request would get it again) or releases the key. */
  private handleFirst(
    scope: IdempotencyScope,
    response: Response,
    next: CallHandler,
  ): Observable<unknown> {
    return next.handle().pipe(
      mergeMap((body: unknown) =>
        from(this.keys.complete(scope, response.statusCode, body)).pipe(mergeMap(() => of(body))),
      ),
      catchError((error: unknown) => {
        const status = error instanceof HttpException ? error.getStatus() : 500;
        const settle =
          status < 500
            ? this.keys.complete(scope, status, errorBody(error))
            : this.keys.release(scope);
        return from(settle).pipe(
          mergeMap(() => {
            throw error;
          }),
        );
      }),
    );
  }
}

/** Applies the interceptor to a route and documents the header and its answers. */
export const Idempotent = (
  description = 'Retrying with the same key returns the first answer instead of acting twice',
) =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description: `${description}. 1–255 printable ASCII characters, scoped to you and this route; kept ${IDEMPOTENCY_RETAIN_SECONDS / 3600} hours.`,
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]{1,255}$' },
    }),
    ApiConflictResponse({
      description: 'Also: a request with this Idempotency-Key is still in flight',
    }),
    ApiUnprocessableEntityResponse({
      description: 'Also: this Idempotency-Key was used with another request',
    }),
  );
