import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { Express } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { EnvironmentVariables, inputLimits, oidcProviders } from '@schakel/config';
import {
  AllExceptionsFilter,
  completeOpenApiDocument,
  createValidationPipe,
  hostileInputGuard,
  middlewareErrorHandler,
  operationIdFactory,
  useInputLimits,
} from '@schakel/http';
import { httpMetrics } from './metrics/http-metrics.middleware';
import { MetricsService } from './metrics/metrics.service';
import { modelBodyParser } from './models/model-body.middleware';
import { SCIM_ERROR_SHAPE } from './scim/scim-error';
import {
  assignRequestId,
  JSON_CONTENT_TYPES,
  methodNotAllowed,
  requireJsonBody,
} from './web-delivery/http-semantics.middleware';
import { securityHeaders } from './web-delivery/security-headers.middleware';
import { serveWebConsole } from './web-delivery/web-console.middleware';

/** Everything main.ts and the integration tests must set up identically. */
export function configureApp(app: NestExpressApplication): void {
  const env = app.get(EnvironmentVariables);
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // In this order: the id and the metrics first, so every answer after them has both.
  app.use(assignRequestId);
  app.use(httpMetrics(app.get(MetricsService)));
  const consoleProviders = oidcProviders(env).filter((provider) => provider.clientId);
  app.use(
    securityHeaders(
      env.NODE_ENV === 'production',
      consoleProviders.map((provider) => provider.issuer),
    ),
  );
  // gzip or brotli, as the client accepts; small and incompressible bodies are left as they are.
  app.use(compression());
  app.use(methodNotAllowed(app.getHttpAdapter().getInstance() as Express));
  // Bodies above the limit are refused by the parser (413); model documents have their own 1 MiB.
  app.use(modelBodyParser());
  app.use(requireJsonBody);
  app.useBodyParser('json', {
    limit: env.HTTP_BODY_LIMIT_BYTES,
    type: JSON_CONTENT_TYPES,
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
