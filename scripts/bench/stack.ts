import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import type { Keyring } from '@schakel/config';
import { CASE_SEARCH_ATTRIBUTES, TemporalDevServer } from '@schakel/temporal';
import { makeRunRoot, PostgresCluster, RedisServer } from '../faults/services';
import { freePort, NodeChild, waitForHttp } from './processes';

const ROOT = resolve(__dirname, '..', '..');
const DIST = resolve(ROOT, 'dist', 'apps');
/** The worker's default task queue (TEMPORAL_TASK_QUEUE is left unset). */
export const CASE_TASK_QUEUE = 'schakel-cases';
const DATABASE = 'schakel_bench';

/** The apps, each connecting to PostgreSQL as a role of its own so statements are counted per app. */
export const APPS = {
  api: 'api/src/main.js',
  worker: 'worker/src/main.js',
  relay: 'relay/src/main.js',
} as const;
export type AppName = keyof typeof APPS;

/**
 * The bench's own PostgreSQL, as the shared dev server runs (PostgreSQL 15 defaults, fsync on)
 * but with autovacuum on, as production runs, and with `pg_stat_statements` loaded.
 */
const POSTGRES_SETTINGS = {
  fsync: 'on',
  autovacuum: 'on',
  max_connections: '200',
  shared_preload_libraries: 'pg_stat_statements',
  // Statements inside triggers too (toplevel = false), so the KPI triggers' cost shows.
  'pg_stat_statements.track': 'all',
};

/** Everything the bench runs against: its own Temporal dev server, PostgreSQL, Redis and the apps. */
export interface BenchStack {
  /** One URL per API process; the load spreads over them as a load balancer would. */
  apiUrls: string[];
  temporalAddress: string;
  /** A client connection of the bench's own, for the baseline and for reading histories. */
  temporal: Connection;
  /** The payload keys the apps run with (a fresh one per run), for clients of the bench's own. */
  keyring: Keyring;
  /** The bench database as its owner, for the bench's own reads and seeds. */
  databaseUrl: string;
  apps: Record<AppName, NodeChild[]>;
  /** Pids per component whose CPU time is measured (descendants included). */
  components: Record<string, number[]>;
  stop: () => Promise<void>;
}

/** Roles per app (superusers of a throwaway cluster), the database and the statement statistics. */
async function createDatabase(postgres: PostgresCluster): Promise<void> {
  const admin = new PgClient({ connectionString: postgres.adminUrl });
  await admin.connect();
  try {
    for (const app of Object.keys(APPS)) await admin.query(`CREATE ROLE ${app} SUPERUSER LOGIN`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  const database = new PgClient({ connectionString: postgres.urlFor('postgres', DATABASE) });
  await database.connect();
  try {
    await database.query('CREATE EXTENSION pg_stat_statements');
  } finally {
    await database.end();
  }
}

/**
 * Starts the stack step by step; whatever started before a failure is stopped again. `track`
 * receives the stop function as early as possible, so Ctrl-C during start-up leaves no orphans.
 */
export async function startStack(
  options: { apis: number; workers: number; nodeArgs?: (app: AppName) => string[] },
  track: (stop: () => Promise<void>) => void,
): Promise<BenchStack> {
  const started: { stop: () => unknown }[] = [];
  const stop = async () => {
    for (const part of started.reverse()) await part.stop();
    started.length = 0;
  };
  track(stop);
  try {
    const { root, remove } = makeRunRoot('schakel-bench-');
    started.push({ stop: remove });
    const postgres = await PostgresCluster.create(root, {
      database: DATABASE,
      settings: POSTGRES_SETTINGS,
    });
    started.push(postgres);
    await createDatabase(postgres);
    const redis = await RedisServer.create(root, 'everysec');
    started.push(redis);
    const devServer = new TemporalDevServer({
      cliPath: resolve(ROOT, '.tools', 'bin', 'temporal'),
      port: await freePort(),
      namespace: 'default',
      searchAttributes: CASE_SEARCH_ATTRIBUTES,
    });
    started.push(devServer);
    await devServer.start();

    const keyring = { primaryKeyId: 'bench', keys: new Map([['bench', randomBytes(32)]]) };
    const env = (role: string): NodeJS.ProcessEnv => ({
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: postgres.urlFor(role, DATABASE),
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'schakel-bench',
      TEMPORAL_ADDRESS: devServer.address,
      DEMO_MODELS_DIR: resolve(ROOT, 'models'),
      PAYLOAD_CODEC_KEYS: `bench:${(keyring.keys.get('bench') as Buffer).toString('base64')}`,
      PAYLOAD_CODEC_PRIMARY_KEY_ID: 'bench',
      PAYLOAD_CODEC_KEYS_FILE: '',
    });
    const prepare = new NodeChild('prepare', resolve(DIST, 'api/src/prepare.js'), env('postgres'));
    started.push(prepare);
    if ((await prepare.exited()) !== 0) {
      throw new Error(`Preparing the bench database failed:\n${prepare.recentOutput}`);
    }
    const launch = (app: AppName, index: number, extra: NodeJS.ProcessEnv = {}) => {
      const child = new NodeChild(
        `${app}-${index + 1}`,
        resolve(DIST, APPS[app]),
        { ...env(app), ...extra },
        options.nodeArgs?.(app),
      );
      started.push(child);
      return child;
    };
    const times = <T>(n: number, make: (index: number) => T) =>
      Array.from({ length: n }, (_, i) => i).map(make);
    const workers = times(options.workers, (i) => launch('worker', i));
    const relays = times(options.workers, (i) => launch('relay', i));
    const ports = await Promise.all(times(options.apis, () => freePort()));
    const apis = ports.map((port, i) => launch('api', i, { PORT: String(port) }));
    const apiUrls = ports.map((port) => `http://127.0.0.1:${port}`);
    for (const [i, api] of apis.entries()) await waitForHttp(`${apiUrls[i]}/health/ready`, api);
    const temporal = await Connection.connect({ address: devServer.address });
    started.push({ stop: () => temporal.close() });
    await waitForPollers(temporal, workers);
    const pids = (children: NodeChild[]) => children.map((child) => child.pid);
    return {
      apiUrls,
      temporalAddress: devServer.address,
      temporal,
      keyring,
      databaseUrl: postgres.urlFor('postgres', DATABASE),
      apps: { api: apis, worker: workers, relay: relays },
      components: {
        api: pids(apis),
        worker: pids(workers),
        relay: pids(relays),
        temporal: [devServer.pid as number],
        postgres: [postgres.pid],
        redis: [redis.pid as number],
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The worker bundles its workflow code at boot; cases sent before every one polls would only queue up. */
async function waitForPollers(temporal: Connection, workers: NodeChild[], timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const exited = workers.find((worker) => !worker.running);
    if (exited) throw new Error(`A worker exited:\n${exited.recentOutput}`);
    const { pollers } = await temporal.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: CASE_TASK_QUEUE },
    });
    const polling = new Set(pollers?.map((poller) => poller.identity?.split('@')[0]));
    if (workers.every((worker) => polling.has(String(worker.pid)))) return;
    await sleep(250);
  }
  throw new Error(`Not every worker polled ${CASE_TASK_QUEUE} within ${timeoutMs} ms`);
}
