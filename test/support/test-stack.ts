import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-users';
import { WORKFLOW_SOURCE } from '../../apps/worker/src/temporal-worker.service';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { RelayModule } from '../../apps/relay/src/relay.module';
import { LOG_DESTINATION } from '@schakel/http';
import { applyTestEnvironment, WORKFLOW_BUNDLE_FILE } from './test-environment';

export interface TestStack {
  api: INestApplication;
  http: () => TestAgent;
  /** Signs in as a seeded demo user and returns the Authorization header value. */
  bearer: (username: string) => Promise<string>;
  startWorker: () => Promise<void>;
  stopWorker: () => Promise<void>;
  /** The outbox relay (notifications from PostgreSQL to the queue); runs unless `relay: false`. */
  startRelay: () => Promise<void>;
  stopRelay: () => Promise<void>;
  close: () => Promise<void>;
}

async function startWorkerContext(logs?: DestinationStream): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(WORKFLOW_SOURCE)
    .useValue({ workflowBundle: { code: readFileSync(WORKFLOW_BUNDLE_FILE, 'utf8') } })
    .overrideProvider(LOG_DESTINATION)
    .useValue(logs ?? null)
    .compile();
  const context = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  // As the worker's main.ts: Nest and the Temporal SDK log through the structured logger.
  if (logs) context.useLogger(context.get(Logger));
  await context.init();
  return context;
}

async function startRelayContext(logs?: DestinationStream): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports: [RelayModule] })
    .overrideProvider(LOG_DESTINATION)
    .useValue(logs ?? null)
    .compile();
  const context = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  // Nest's logger is process-wide: keep it the structured one when a test reads the logs back.
  if (logs) context.useLogger(context.get(Logger));
  await context.init();
  return context;
}

/**
 * The API (in-process, on a real port) and a worker against the real PostgreSQL, Redis and the
 * Temporal dev server from global setup, on a task queue of this test file's own.
 */
export async function startTestStack(
  options: {
    worker?: boolean;
    relay?: boolean;
    environment?: Record<string, string>;
    /** Where API and worker write their structured logs, for a test that reads them back. */
    logs?: DestinationStream;
  } = {},
): Promise<TestStack> {
  applyTestEnvironment({
    TEMPORAL_TASK_QUEUE: `schakel-test-${randomUUID()}`,
    ...options.environment,
  });
  const apiModule = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(LOG_DESTINATION)
    .useValue(options.logs ?? null)
    .compile();
  const api = apiModule.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(api);
  await api.init();

  let worker: INestApplicationContext | undefined;
  let relay: INestApplicationContext | undefined;
  const stack: TestStack = {
    api,
    http: () => request(api.getHttpServer()),
    bearer: async (username) => {
      const response = await request(api.getHttpServer())
        .post('/auth/login')
        .send({ username, password: DEMO_PASSWORD })
        .expect(200);
      return `Bearer ${(response.body as { accessToken: string }).accessToken}`;
    },
    startWorker: async () => {
      worker ??= await startWorkerContext(options.logs);
    },
    stopWorker: async () => {
      await worker?.close();
      worker = undefined;
    },
    startRelay: async () => {
      relay ??= await startRelayContext(options.logs);
    },
    stopRelay: async () => {
      await relay?.close();
      relay = undefined;
    },
    close: async () => {
      await stack.stopRelay();
      await stack.stopWorker();
      await api.close();
    },
  };
  if (options.worker !== false) await stack.startWorker();
  if (options.relay !== false) await stack.startRelay();
  return stack;
}
