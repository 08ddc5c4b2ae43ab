import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import {
  startOpenIdProvider,
  type ProviderAccountStore,
} from '../../../../test/support/openid-provider.ts';
import { DATABASE_SERVER, E2E_IDENTITY_PROVIDER, REPOSITORY_ROOT } from './environment.mts';

/**
 * The real stack for one e2e run: a Temporal dev server, a fresh database with the demo data, the
 * worker, an OpenID provider (`oidc-provider`, see test/support/openid-provider.ts) and the API
 * (which serves the console's build), offering local accounts and that provider side by side.
 * Needs the root build (`npm run build`) and the console's build (`npm run build --prefix apps/web`).
 */
export interface Stack {
  baseUrl: string;
  /** The provider's account store, for a scenario to add the people who sign in there. */
  openIdProvider: ProviderAccountStore;
  stop: () => Promise<void>;
}

/**
 * The database, Redis prefix and task queue of a run: one per checkout, so two working trees on one
 * machine never drop each other's database; another name lets another run (Schemathesis) use its own.
 */
const DEFAULT_NAME = `schakel_web_e2e_${createHash('sha256').update(REPOSITORY_ROOT).digest('hex').slice(0, 8)}`;
const READY_TIMEOUT_MS = 120_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function onServer(statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: `${DATABASE_SERVER}/postgres` });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

const dropDatabase = (name: string) => `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`;

function run(command: string, args: string[], env: NodeJS.ProcessEnv, name: string): ChildProcess {
  const child = spawn(command, args, {
    cwd: REPOSITORY_ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) =>
    process.stderr.write(`[${name}] ${chunk.toString()}`),
  );
  return child;
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code ?? 1));
  });
}

async function waitUntilReady(url: string, children: ChildProcess[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const dead = children.find((child) => child.exitCode !== null);
    if (dead)
      throw new Error(`${dead.spawnfile} exited with ${dead.exitCode} before the stack was ready`);
    const ready = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The stack did not become ready at ${url} within ${READY_TIMEOUT_MS / 1000} s`);
}

async function waitForPort(port: number, owner: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (owner.exitCode !== null)
      throw new Error(`${owner.spawnfile} exited with ${owner.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(socket.end() && true));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Nothing listens on port ${port} after ${READY_TIMEOUT_MS / 1000} s`);
}

async function stopAll(children: ChildProcess[]): Promise<void> {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.map(exited));
}

export async function startStack(name = DEFAULT_NAME): Promise<Stack> {
  for (const built of ['dist/apps/api/src/main.js', 'apps/web/dist/index.html']) {
    if (!existsSync(join(REPOSITORY_ROOT, built)))
      throw new Error(`${built} is missing: build first`);
  }
  const [temporalPort, apiPort] = [await freePort(), await freePort()];
  const temporal = run(
    join(REPOSITORY_ROOT, '.tools/bin/temporal'),
    [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      '127.0.0.1',
      '--port',
      String(temporalPort),
      '--log-level',
      'error',
      ...[
        'CaseId=Keyword',
        'ChainId=Keyword',
        'ModelVersion=Int',
        'CurrentPartners=KeywordList',
      ].flatMap((attribute) => ['--search-attribute', attribute]),
    ],
    process.env,
    'temporal',
  );
  const children: ChildProcess[] = [temporal];
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  const openIdProvider = await startOpenIdProvider({
    defaultResource: E2E_IDENTITY_PROVIDER.audience,
    clients: [
      {
        clientId: E2E_IDENTITY_PROVIDER.clientId,
        redirectUris: [`${baseUrl}/app/signed-in`],
        postLogoutRedirectUris: [`${baseUrl}/app/`],
      },
    ],
  });
  const stopAllAndProvider = () => stopAll(children).then(openIdProvider.close);
  try {
    await onServer([dropDatabase(name), `CREATE DATABASE ${name}`]);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(apiPort),
      DATABASE_URL: `${DATABASE_SERVER}/${name}`,
      REDIS_PREFIX: name,
      TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
      TEMPORAL_TASK_QUEUE: name,
      LOG_LEVEL: 'warn',
      // Every test (and Schemathesis' fuzzed sign-ins) comes from 127.0.0.1: no per-address throttle.
      AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
      AUTH_LOCAL_ACCOUNTS: 'true',
      AUTH_OIDC_PROVIDERS: JSON.stringify([
        {
          id: E2E_IDENTITY_PROVIDER.id,
          name: E2E_IDENTITY_PROVIDER.name,
          issuer: openIdProvider.issuer,
          audience: E2E_IDENTITY_PROVIDER.audience,
          clientId: E2E_IDENTITY_PROVIDER.clientId,
          organisationClaim: 'organisation',
          rolesClaim: 'groups',
          organisations: ['*'],
          chains: ['*'],
        },
      ]),
    };
    await waitForPort(temporalPort, temporal);
    const prepare = run(process.execPath, ['dist/apps/api/src/prepare.js'], env, 'prepare');
    if ((await exited(prepare)) !== 0) throw new Error('Preparing the database failed');
    children.push(run(process.execPath, ['dist/apps/worker/src/main.js'], env, 'worker'));
    // Notifications leave through the outbox: without the relay the console would never see them.
    children.push(run(process.execPath, ['dist/apps/relay/src/main.js'], env, 'relay'));
    children.push(run(process.execPath, ['dist/apps/api/src/main.js'], env, 'api'));
    await waitUntilReady(`${baseUrl}/health/ready`, children);
    return {
      baseUrl,
      openIdProvider: { issuer: openIdProvider.issuer, storeToken: openIdProvider.storeToken },
      stop: () => stopAllAndProvider().then(() => onServer([dropDatabase(name)])),
    };
  } catch (error) {
    await stopAllAndProvider();
    throw error;
  }
}
