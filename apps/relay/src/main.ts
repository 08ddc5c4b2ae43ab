import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { environmentOrExit } from '@schakel/config';
import { RelayModule } from './relay.module';

/** The outbox relay: notifications from PostgreSQL to the queue (docs/workflows.md). */
async function bootstrap(): Promise<void> {
  environmentOrExit();
  const app = await NestFactory.createApplicationContext(RelayModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
}

void bootstrap();
