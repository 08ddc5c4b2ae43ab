import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { environmentOrExit } from '@schakel/config';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  environmentOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
}

void bootstrap();
