import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection, WorkflowClient } from '@temporalio/client';
import { payloadCodecKeyring, validateEnvironment } from '@schakel/config';
import { encryptedDataConverter } from '@schakel/temporal';
import { Client as PgClient } from 'pg';
import { freePort, NodeChild, waitForHttp } from '../bench/processes';
import { CASE_TASK_QUEUE } from '../bench/stack';
import { makeRunRoot, PostgresCluster, RedisServer, TemporalServer } from './services';

const ROOT = resolve(__dirname, '..', '..');
const DIST = resolve(ROOT, 'dist', 'apps');

/**
 * The platform's processes, in start order. Those marked optional run only when their entry point
 * was built (the outbox relay and the reconciler are newer than the suite), so the same suite runs
 * against every version of main.
 */
const APPS = [
  { name: 'worker', entry: 'worker/src/main.js', optional: false },
  { name: 'api', entry: 'api/src/main.js', optional: false },
  { name: 'relay', entry: 'relay/src/main.js', optional: true },
  { name: 'reconciler', entry: 'reconciler/src/main.js', optional: true },
] as const;

export type AppName = (typeof APPS)[number]['name'];

/** Everything the fault run owns: PostgreSQL, Redis, Temporal and the built apps as children. */
export class FaultStack {
  readonly apps = new Map<AppName, NodeChild>();
  private temporalConnection?: Connection;

  private constructor(
    private readonly removeRoot: () => void,
    readonly postgres: PostgresCluster,
    readonly redis: RedisServer,
    readonly temporal: TemporalServer,
    readonly apiPort: number,
    private readonly environment: NodeJS.ProcessEnv,
  ) {}

  /**
   * Starts the services, prepares the database (migrations and demo seed, as `npm start` does) and
   * the apps. `track` receives the stop function first, so Ctrl-C during start-up leaves no orphans.
   */
  static async start(
    environment: Record<string, string>,
    track: (stop: () => Promise<void>) => void,
  ): Promise<FaultStack> {
    const { root, remove } = makeRunRoot();
    const parts: { stop: () => unknown }[] = [{ stop: remove }];
    track(async () => {
      for (const part of parts.reverse()) await part.stop();
    });
    const postgres = await PostgresCluster.create(root);
    parts.push(postgres);
    const redis = await RedisServer.create(root);
    parts.push(redis);
    const temporal = await TemporalServer.create(resolve(ROOT, '.tools', 'bin', 'temporal'), root);
    parts.push(temporal);
    const stack = new FaultStack(remove, postgres, redis, temporal, await freePort(), {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'schakel-faults',
      TEMPORAL_ADDRESS: temporal.address,
      DEMO_MODELS_DIR: resolve(ROOT, 'models'),
      ...environment,
    });
    parts.length = 0;
    track(() => stack.stop());
    await stack.createDatabase();
    const prepare = new NodeChild(
      'prepare',
      resolve(DIST, 'api/src/prepare.js'),
      stack.environment,
    );
    if ((await prepare.exited()) !== 0) {
      throw new Error(`Preparing the database failed:\n${prepare.recentOutput}`);
    }
    for (const app of APPS) {
      if (app.optional && !existsSync(resolve(DIST, app.entry))) continue;
      await stack.startApp(app.name);
    }
    return stack;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  /** Apps this run started (the optional ones only when built). */
  get appNames(): AppName[] {
    return [...this.apps.keys()];
  }

  /** A client connection of the harness's own, reconnected after a Temporal restart. */
  async connection(): Promise<Connection> {
    this.temporalConnection ??= await Connection.connect({ address: this.temporal.address });
    return this.temporalConnection;
  }

  /**
   * A workflow client that reads payloads as the apps write them: encrypted with the keys of the
   * environment the apps run in (this process's, which the stack passes on).
   */
  async workflows(): Promise<WorkflowClient> {
    const keyring = payloadCodecKeyring(
      validateEnvironment({ ...process.env, ...this.environment }),
    );
    return new WorkflowClient({
      connection: await this.connection(),
      dataConverter: encryptedDataConverter(keyring),
    });
  }

  async database<T>(work: (client: PgClient) => Promise<T>): Promise<T> {
    const client = new PgClient({ connectionString: this.postgres.url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  /** Starts (or restarts) an app and waits until it serves: the API answers, the worker polls. */
  async startApp(name: AppName): Promise<void> {
    const app = APPS.find((candidate) => candidate.name === name);
    if (!app) throw new Error(`Unknown app ${name}`);
    const child = new NodeChild(name, resolve(DIST, app.entry), {
      ...this.environment,
      PORT: String(this.apiPort),
    });
    this.apps.set(name, child);
    if (name === 'api') await waitForHttp(`${this.apiUrl}/health`, child, 120_000);
    if (name === 'worker') await this.waitForPoller(child);
  }

  /** kill -9: no shutdown hooks, no flushing, in-flight work lost mid-way. */
  async killApp(name: AppName): Promise<void> {
    const child = this.apps.get(name);
    if (!child?.running) throw new Error(`${name} is not running`);
    const exited = child.exited();
    process.kill(child.pid, 'SIGKILL');
    await exited;
  }

  /** Recent output of every app, for the report when something went wrong. */
  output(): string {
    return [...this.apps]
      .map(([name, child]) => `--- ${name} ---\n${child.recentOutput.slice(-4_000)}`)
      .join('\n');
  }

  async stop(): Promise<void> {
    await this.temporalConnection?.close();
    for (const child of [...this.apps.values()].reverse()) await child.stop(5_000);
    await this.temporal.stop();
    await this.redis.stop();
    await this.postgres.stop();
    this.removeRoot();
  }

  private async createDatabase(): Promise<void> {
    const admin = new PgClient({ connectionString: this.postgres.adminUrl });
    await admin.connect();
    try {
      await admin.query('CREATE DATABASE schakel_faults');
    } finally {
      await admin.end();
    }
  }

  /**
   * A restarted worker is ready when the task queue lists a poller with its pid (Temporal keeps
   * listing a killed worker's poller for a while, so "any poller" would not do).
   */
  private async waitForPoller(worker: NodeChild, timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!worker.running) throw new Error(`The worker exited:\n${worker.recentOutput}`);
      const connection = await this.connection();
      const { pollers } = await connection.workflowService
        .describeTaskQueue({ namespace: 'default', taskQueue: { name: CASE_TASK_QUEUE } })
        .catch(() => ({ pollers: [] }));
      if (pollers?.some((poller) => poller.identity?.startsWith(`${worker.pid}@`))) return;
      await sleep(250);
    }
    throw new Error(`The worker did not poll ${CASE_TASK_QUEUE} within ${timeoutMs} ms`);
  }
}
