import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { SCIM_ERROR_SCHEMA } from './scim-error';

export const SCIM_CONTENT_TYPE = 'application/scim+json';

/** Every SCIM error in the body of RFC 7644 §3.12, as `application/scim+json`. */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('SCIM');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    const payload = exception instanceof HttpException ? exception.getResponse() : undefined;
    if (status === 500) this.logger.error(exception);
    const body =
      typeof payload === 'object' && payload !== null && 'schemas' in payload
        ? payload
        : {
            schemas: [SCIM_ERROR_SCHEMA],
            status: String(status),
            detail:
              status === 500
                ? 'Internal error'
                : exception instanceof HttpException
                  ? exception.message
                  : 'Error',
          };
    response.status(status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}
