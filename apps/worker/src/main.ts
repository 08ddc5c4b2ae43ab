import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { environmentOrExit } from '@schakel/config';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const { WORKER_SHUTDOWN_GRACE_SECONDS } = environmentOrExit();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  // Shutdown is bounded: activities get WORKER_SHUTDOWN_GRACE_SECONDS, the worker twice that to
  // drain; should anything still hold the process (a stuck database call), it exits regardless.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => process.exit(1), WORKER_SHUTDOWN_GRACE_SECONDS * 3_000).unref();
    });
  }
}

void bootstrap();
