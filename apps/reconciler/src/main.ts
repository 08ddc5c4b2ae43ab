import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { environmentOrExit } from '@schakel/config';
import { ReconcilerModule } from './reconciler.module';
import { Reconciler } from './reconciler.service';

/** The reconciler: compares case workflows with the read side, repairs and flags drift. */
async function bootstrap(): Promise<void> {
  environmentOrExit();
  const app = await NestFactory.createApplicationContext(ReconcilerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  // A first sweep right after start: drift left by an outage shows before the first interval.
  void app
    .get(Reconciler)
    .sweep()
    .catch(() => undefined);
}

void bootstrap();
