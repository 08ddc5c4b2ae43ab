import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter, createValidationPipe, middlewareErrorHandler } from '@schakel/http';

/** Bodies above this are refused by the parser (413); model documents have their own, smaller limit. */
const BODY_LIMIT = '10mb';

/** Everything main.ts and the integration tests must set up identically. */
export function configureApp(app: NestExpressApplication): void {
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('text', {
    limit: BODY_LIMIT,
    type: ['text/plain', 'text/yaml', 'application/yaml', 'application/x-yaml'],
  });
  app.use(middlewareErrorHandler);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const config = new DocumentBuilder()
    .setTitle('Schakel API')
    .setDescription(
      'Collaboration reference models executed as Temporal workflows: cases, tasks, escalations and KPIs of chain partners.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: 'api/docs-json',
  });
}
