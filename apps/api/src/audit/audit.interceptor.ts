import {
  HttpException,
  Injectable,
  Logger,
  ServiceUnavailableException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import { AuditLogRepository } from '@schakel/database';
import type { AuthenticatedUser } from '@schakel/identity';

/**
 * Who called, when it was not a person with a bearer token: a guard of such callers (SCIM's, for
 * an identity provider's client token) sets it, so those calls are in the log as well.
 */
export interface AuditActor {
  id: string;
  role: string;
  organisationId: string | null;
}

type AuditedRequest = Request & { user?: AuthenticatedUser; auditActor?: AuditActor; id?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every authenticated request — reads of case content included — leaves one line in the
 * append-only audit log: who, which route, which case, whether a reason was given (its text stays
 * with the case, for its audience) and the answer.
 * The line is written before the response goes out, so no access goes unrecorded: when it cannot be
 * written (the database is down) the caller gets 503 instead of the answer. A case change made by
 * the workflow is in the case's event log anyway; its retry (same Idempotency-Key) is recorded here.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(private readonly audit: AuditLogRepository) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuditedRequest>();
    const actor = request.user ?? request.auditActor;
    if (!actor) return next.handle();
    return next.handle().pipe(
      mergeMap((body) =>
        from(this.record(request, actor, http.getResponse<Response>().statusCode).then(() => body)),
      ),
      catchError((error: unknown) => {
        const status = error instanceof HttpException ? error.getStatus() : 500;
        return from(this.record(request, actor, status)).pipe(
          mergeMap(() => throwError(() => error)),
        );
      }),
    );
  }

  private async record(request: AuditedRequest, actor: AuditActor, statusCode: number) {
    const caseId = String(request.params?.caseId ?? '');
    const reason = (request.body as { reason?: unknown } | undefined)?.reason;
    try {
      await this.audit.append({
        requestId: request.id ? String(request.id) : null,
        actorId: actor.id,
        actorRole: actor.role,
        actorOrganisation: actor.organisationId,
        method: request.method,
        route: String(request.route?.path ?? request.path).slice(0, 200),
        path: request.originalUrl.slice(0, 500),
        caseId: UUID.test(caseId) ? caseId : null,
        statusCode,
        // The reason's text has its own audience (docs/need-to-know.md): the log says one was given.
        reason: null,
        reasonGiven: typeof reason === 'string' && reason.length > 0,
      });
    } catch (error) {
      this.logger.error(
        { code: (error as { code?: string }).code, requestId: request.id },
        'Could not write the audit log; answering 503',
      );
      throw new ServiceUnavailableException(
        'The audit log cannot be written right now, so the answer is withheld; retry shortly',
      );
    }
  }
}
