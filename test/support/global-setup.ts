import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate } from '@schakel/database';
import { CASE_SEARCH_ATTRIBUTES, TemporalDevServer } from '@schakel/temporal';
import { bundleWorkflowsFromSource } from '@schakel/temporal/workflow-bundle';
import { WORKFLOWS_PATH } from '@schakel/workflows';
import { seedDemoData } from './seed-demo-data';
import {
  REPOSITORY_ROOT,
  TEMPORAL_ADDRESS_FILE,
  TEST_DATABASE,
  TEST_DATABASE_URL,
  WORKFLOW_BUNDLE_FILE,
} from './test-environment';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function recreateDatabase(): Promise<void> {
  const admin = new Client({
    connectionString: TEST_DATABASE_URL.replace(/\/[^/]+$/, '/postgres'),
  });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEST_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEST_DATABASE}`);
  await admin.end();
}

/** Once per run: a fresh database with migrations and demo data, a Temporal dev server, a workflow bundle. */
export default async function globalSetup(): Promise<void> {
  const temporal = new TemporalDevServer({
    cliPath: join(REPOSITORY_ROOT, '.tools/bin/temporal'),
    port: await freePort(),
    namespace: 'default',
    searchAttributes: CASE_SEARCH_ATTRIBUTES,
  });
  const [bundle] = await Promise.all([
    bundleWorkflowsFromSource(WORKFLOWS_PATH, REPOSITORY_ROOT),
    temporal.start(),
    recreateDatabase()
      .then(() => migrate(TEST_DATABASE_URL))
      .then(() => seedDemoData()),
  ]);
  await writeFile(WORKFLOW_BUNDLE_FILE, bundle.code);
  await writeFile(TEMPORAL_ADDRESS_FILE, temporal.address);
  (globalThis as { temporalDevServer?: TemporalDevServer }).temporalDevServer = temporal;
}
