import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { EnvironmentVariables } from '@schakel/config';

const REQUEST_ID = /^[\w.-]{1,100}$/;

/** A caller-supplied X-Request-Id is kept (when sane) so one id follows a request across systems. */
export function requestId(request: IncomingMessage, response: ServerResponse): string {
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

/** Structured JSON logs (pino); every line of a request carries its request id. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [EnvironmentVariables],
      useFactory: (env: EnvironmentVariables) => ({
        pinoHttp: {
          level: env.LOG_LEVEL,
          genReqId: requestId,
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          customProps: (request: IncomingMessage & { id?: unknown }) => ({ requestId: request.id }),
          autoLogging: {
            ignore: (request: IncomingMessage) => request.url?.startsWith('/health') ?? false,
          },
        },
      }),
    }),
  ],
})
export class HttpLoggerModule {}
