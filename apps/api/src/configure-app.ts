import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, NextFunction, Request, Response } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { EnvironmentVariables, inputLimits } from '@schakel/config';
import {
  AllExceptionsFilter,
  completeOpenApiDocument,
  createValidationPipe,
  hostileInputGuard,
  middlewareErrorHandler,
  operationIdFactory,
  useInputLimits,
} from '@schakel/http';
import { modelBodyParser } from './models/model-body.middleware';
import { SCIM_ERROR_SHAPE } from './scim/scim-error';

/** The web console's production build (apps/web), served under WEB_PATH once it has been built. */
const WEB_DIST = resolve('apps/web/dist');
const WEB_PATH = '/app';

/**
 * Serves the console's files under /app and its index.html for every other GET below /app (its
 * client-side routes). The API has no routes under /app, so nothing of the API is shadowed.
 */
function serveWebConsole(app: NestExpressApplication): void {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return;
  app.useStaticAssets(WEB_DIST, { prefix: WEB_PATH, index: false });
  app.use(WEB_PATH, (request: Request, response: Response, next: NextFunction) =>
    request.method === 'GET' ? response.sendFile(index) : next(),
  );
  const express = app.getHttpAdapter().getInstance() as Express;
  express.get('/', (_request, response) => response.redirect(`${WEB_PATH}/`));
}

/** Everything main.ts and the integration tests must set up identically. */
export function configureApp(app: NestExpressApplication): void {
  const env = app.get(EnvironmentVariables);
  app.useLogger(app.get(Logger));
  // Bodies above the limit are refused by the parser (413); model documents have their own 1 MiB.
  app.use(modelBodyParser());
  app.useBodyParser('json', {
    limit: env.HTTP_BODY_LIMIT_BYTES,
    type: ['application/json', 'application/scim+json'],
  });
  app.useBodyParser('text', {
    limit: env.HTTP_BODY_LIMIT_BYTES,
    type: ['text/plain', 'text/yaml', 'application/yaml', 'application/x-yaml'],
  });
  app.use(hostileInputGuard(env.INPUT_MAX_DEPTH));
  app.use(middlewareErrorHandler);
  useInputLimits(inputLimits(env));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  serveWebConsole(app);

  const config = new DocumentBuilder()
    .setTitle('Schakel API')
    .setDescription(
      'Collaboration reference models executed as Temporal workflows: cases, tasks, escalations and KPIs of chain partners.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = () =>
    completeOpenApiDocument(SwaggerModule.createDocument(app, config, { operationIdFactory }), [
      SCIM_ERROR_SHAPE,
    ]);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
  });
}
