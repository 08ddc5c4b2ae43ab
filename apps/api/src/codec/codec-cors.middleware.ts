import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { EnvironmentVariables } from '@schakel/config';

/**
 * CORS for the codec endpoint only, and only for the configured Temporal UI origin
 * (TEMPORAL_UI_ORIGIN): the UI sends the user's token (Authorization), the namespace (X-Namespace)
 * and credentials. A preflight from any other origin gets no CORS headers, so browsers refuse it.
 */
@Injectable()
export class CodecCorsMiddleware implements NestMiddleware {
  private readonly allowedOrigin?: string;

  constructor(@Inject(EnvironmentVariables) env: EnvironmentVariables) {
    this.allowedOrigin = env.TEMPORAL_UI_ORIGIN
      ? new URL(env.TEMPORAL_UI_ORIGIN).origin
      : undefined;
  }

  use(request: Request, response: Response, next: NextFunction): void {
    response.vary('Origin');
    const allowed =
      this.allowedOrigin !== undefined && request.headers.origin === this.allowedOrigin;
    if (allowed) {
      response.setHeader('Access-Control-Allow-Origin', this.allowedOrigin as string);
      response.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (request.method !== 'OPTIONS') {
      next();
      return;
    }
    if (allowed) {
      response.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      response.setHeader(
        'Access-Control-Allow-Headers',
        'Authorization, Content-Type, X-Namespace',
      );
      response.setHeader('Access-Control-Max-Age', '600');
    }
    response.status(204).end();
  }
}
