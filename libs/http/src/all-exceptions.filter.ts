import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { isDependencyOutage, RETRY_AFTER_SECONDS } from './dependency-outage';
import { redactUrl } from './log-redaction';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** What stands in the way, where the server names it (a refused case action's code). */
  code?: string;
  errors?: unknown[];
  requestId?: string;
}

/** Errors thrown by Express middleware (body parser) carry a status they want to expose. */
interface ExposedHttpError {
  status: number;
  expose: boolean;
  type?: string;
  message: string;
  /** Set by the body parser on entity.too.large: the limit in bytes. */
  limit?: number;
}

function isExposedHttpError(error: unknown): error is ExposedHttpError {
  const candidate = error as Partial<ExposedHttpError> | null;
  return typeof candidate?.status === 'number' && candidate.expose === true;
}

/** Terminus' documented readiness body (status, info, error, details) is kept as monitoring tools expect it. */
function isHealthCheckFailure(error: unknown): error is HttpException {
  if (!(error instanceof HttpException)) return false;
  const payload = error.getResponse();
  return typeof payload === 'object' && 'details' in payload && 'info' in payload;
}

const BODY_PARSER_MESSAGES: Record<string, (error: ExposedHttpError) => string> = {
  'entity.parse.failed': () => 'The request body is not valid JSON',
  'entity.too.large': (error) =>
    `The request body is larger than the ${error.limit ?? ''} bytes this endpoint accepts`,
  'encoding.unsupported': () => 'The request body has an unsupported encoding',
};

/**
 * One shape for every error: status, a sentence that says why, field problems where they apply,
 * and the request id. A dependency outage (PostgreSQL, Temporal unreachable) becomes 503 with
 * Retry-After; other unknown errors a 500 whose stack goes to the log, never the body.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request & { id?: string }>();
    const response = context.getResponse<Response>();
    const requestId = request.id ? String(request.id) : undefined;
    if (isHealthCheckFailure(exception)) {
      response
        .status(exception.getStatus())
        .json({ ...(exception.getResponse() as object), requestId });
      return;
    }
    const body = errorBody(exception);
    body.requestId = requestId;
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) {
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      this.logger.warn(
        { err: exception, requestId: body.requestId, path: redactUrl(request.url) },
        'A dependency is unavailable',
      );
    } else if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception, requestId: body.requestId, path: redactUrl(request.url) },
        'Unhandled error',
      );
    }
    response.status(body.statusCode).json(body);
  }
}

/** The response body for any thrown value. */
export function errorBody(exception: unknown): ErrorBody {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const payload = exception.getResponse();
    const details = typeof payload === 'string' ? { message: payload } : payload;
    const { message, code, errors } = details as {
      message?: unknown;
      code?: unknown;
      errors?: unknown[];
    };
    return {
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Error',
      message: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message),
      ...(typeof code === 'string' ? { code } : {}),
      ...(errors ? { errors } : {}),
    };
  }
  if (isExposedHttpError(exception)) {
    return {
      statusCode: exception.status,
      error: STATUS_CODES[exception.status] ?? 'Error',
      message: BODY_PARSER_MESSAGES[exception.type ?? '']?.(exception) ?? exception.message,
    };
  }
  if (isDependencyOutage(exception)) {
    return {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      error: STATUS_CODES[503] as string,
      message: `A service the API depends on is unavailable; retry in ${RETRY_AFTER_SECONDS} seconds`,
    };
  }
  return {
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    error: STATUS_CODES[500] as string,
    message: 'Something went wrong on our side. Quote the request id when you report it.',
  };
}

/**
 * Express error middleware for errors raised before Nest's pipeline (the body parsers), which Nest's
 * global filters never see: same body shape, e.g. 400 'The request body is not valid JSON'.
 */
export function middlewareErrorHandler(
  error: unknown,
  request: Request & { id?: string },
  response: Response,
  _next: NextFunction,
): void {
  const body = errorBody(error);
  body.requestId = request.id ? String(request.id) : undefined;
  response.status(body.statusCode).json(body);
}
