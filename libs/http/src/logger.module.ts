import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { EnvironmentVariables } from '@schakel/config';
import { safeError, safeRequest, safeResponse } from './log-redaction';

const REQUEST_ID = /^[\w.-]{1,100}$/;

/** Where log lines go: stdout unless a test provides a stream of its own to read them back. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

/** A caller-supplied X-Request-Id is kept (when sane) so one id follows a request across systems. */
export function requestId(request: IncomingMessage, response: ServerResponse): string {
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

/**
 * Structured JSON logs (pino); every line of a request carries its request id. No personal data:
 * requests are logged without bodies, query values or headers beyond a few harmless ones, errors
 * without SQL, parameters or quoted values (see log-redaction.ts and docs/operations.md).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      providers: [{ provide: LOG_DESTINATION, useValue: null }],
      inject: [EnvironmentVariables, LOG_DESTINATION],
      useFactory: (env: EnvironmentVariables, destination: DestinationStream | null) => {
        const options = {
          level: env.LOG_LEVEL,
          genReqId: requestId,
          serializers: { err: safeError, error: safeError, req: safeRequest, res: safeResponse },
          redact: {
            paths: ['*.parameters', '*.query', '*.detail', '*.driverError', '*.body'],
            remove: true,
          },
          customProps: (request: IncomingMessage & { id?: unknown }) => ({ requestId: request.id }),
          autoLogging: {
            ignore: (request: IncomingMessage) => request.url?.startsWith('/health') ?? false,
          },
        };
        return { pinoHttp: destination ? [options, destination] : options };
      },
    }),
  ],
})
export class HttpLoggerModule {}
