import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import type { Keyring } from '@schakel/config';
import { CASE_SEARCH_ATTRIBUTES, TemporalDevServer } from '@schakel/temporal';
import { freePort, NodeChild, waitForHttp } from './processes';

const ROOT = resolve(__dirname, '..', '..');
const DIST = resolve(ROOT, 'dist', 'apps');
/** The worker's default task queue (TEMPORAL_TASK_QUEUE is left unset). */
export const CASE_TASK_QUEUE = 'schakel-cases';

/** Everything the bench runs against: its own Temporal dev server, database, API and worker. */
export interface BenchStack {
  apiUrl: string;
  temporalAddress: string;
  /** A client connection of the bench's own, for the baseline and for reading histories. */
  temporal: Connection;
  /** The payload keys API and worker run with (a fresh one per run), for clients of the bench's own. */
  keyring: Keyring;
  databaseUrl: string;
  api: NodeChild;
  worker: NodeChild;
  stop: () => Promise<void>;
}

/** Drops and recreates the bench database so every run starts from the same empty state. */
async function recreateDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unexpected bench database name '${name}'`);
  url.pathname = '/postgres';
  const admin = new PgClient({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Starts the stack step by step; whatever started before a failure is stopped again. `track`
 * receives the stop function as early as possible, so Ctrl-C during start-up leaves no orphans.
 */
export async function startStack(
  databaseUrl: string,
  track: (stop: () => Promise<void>) => void,
): Promise<BenchStack> {
  const started: { stop: () => Promise<void> }[] = [];
  const stop = async () => {
    for (const part of started.reverse()) await part.stop();
    started.length = 0;
  };
  track(stop);
  try {
    const devServer = new TemporalDevServer({
      cliPath: resolve(ROOT, '.tools', 'bin', 'temporal'),
      port: await freePort(),
      namespace: 'default',
      searchAttributes: CASE_SEARCH_ATTRIBUTES,
    });
    started.push(devServer);
    await devServer.start();

    const port = await freePort();
    const keyring = { primaryKeyId: 'bench', keys: new Map([['bench', randomBytes(32)]]) };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: devServer.address,
      REDIS_PREFIX: 'schakel-bench',
      DEMO_MODELS_DIR: resolve(ROOT, 'models'),
      PAYLOAD_CODEC_KEYS: `bench:${(keyring.keys.get('bench') as Buffer).toString('base64')}`,
      PAYLOAD_CODEC_PRIMARY_KEY_ID: 'bench',
      PAYLOAD_CODEC_KEYS_FILE: '',
    };
    await recreateDatabase(databaseUrl);
    const prepare = new NodeChild('prepare', resolve(DIST, 'api/src/prepare.js'), env);
    started.push(prepare);
    if ((await prepare.exited()) !== 0) {
      throw new Error(`Preparing the bench database failed:\n${prepare.recentOutput}`);
    }
    const worker = new NodeChild('worker', resolve(DIST, 'worker/src/main.js'), env);
    started.push(worker);
    const api = new NodeChild('api', resolve(DIST, 'api/src/main.js'), env);
    started.push(api);
    const apiUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(`${apiUrl}/health/ready`, api);
    const temporal = await Connection.connect({ address: devServer.address });
    started.push({ stop: () => temporal.close() });
    await waitForPoller(temporal, worker);
    return {
      apiUrl,
      temporalAddress: devServer.address,
      temporal,
      keyring,
      databaseUrl,
      api,
      worker,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The worker bundles its workflow code at boot; cases sent before it polls would only queue up. */
async function waitForPoller(temporal: Connection, worker: NodeChild, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!worker.running) throw new Error(`The worker exited:\n${worker.recentOutput}`);
    const { pollers } = await temporal.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: CASE_TASK_QUEUE },
    });
    if (pollers?.length) return;
    await sleep(250);
  }
  throw new Error(`The worker did not poll ${CASE_TASK_QUEUE} within ${timeoutMs} ms`);
}
