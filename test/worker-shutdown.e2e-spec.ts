import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CaseDriver } from './support/case-driver';
import { eventually } from './support/eventually';
import {
  REPOSITORY_ROOT,
  TEMPORAL_ADDRESS_FILE,
  TEST_DATABASE_URL,
  testEnvironment,
} from './support/test-environment';
import { startTestStack, type TestStack } from './support/test-stack';

const GRACE_SECONDS = 2;

/** The built worker as production runs it, on a task queue of this test's own. */
function spawnWorker(taskQueue: string): ChildProcess {
  return spawn(process.execPath, [join(REPOSITORY_ROOT, 'dist/apps/worker/src/main.js')], {
    env: {
      ...process.env,
      ...testEnvironment({
        TEMPORAL_ADDRESS: readFileSync(TEMPORAL_ADDRESS_FILE, 'utf8'),
        TEMPORAL_TASK_QUEUE: taskQueue,
        WORKER_SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
        LOG_LEVEL: 'error',
      }),
    },
    stdio: 'ignore',
  });
}

const exited = (child: ChildProcess): Promise<void> =>
  new Promise((done) => (child.exitCode !== null ? done() : child.once('exit', () => done())));

describe('worker shutdown', () => {
  const taskQueue = `schakel-shutdown-${randomUUID()}`;
  let stack: TestStack;
  let worker: ChildProcess;
  beforeAll(async () => {
    stack = await startTestStack({
      worker: false,
      environment: { TEMPORAL_TASK_QUEUE: taskQueue },
    });
    worker = spawnWorker(taskQueue);
  });
  afterAll(async () => {
    worker.kill('SIGKILL');
    await stack.close();
  });

  it('stops within its grace period on SIGTERM while a projection is stuck, and loses nothing', async () => {
    const driver = new CaseDriver(stack);
    const opened = await eventually(
      () =>
        driver.open('woningcorporatie.medewerker', {
          chainId: 'vroegsignalering-schuldhulp',
          category: 'arrears-signal',
          clientQuestion: 'Achterstand',
          clientReference: 'KP-SIGTERM-1',
          data: {
            'client-name': 'A. Bakker',
            'contact-address': 'Laan 3',
            'amount-owed': 500,
            'days-in-arrears': 40,
            'reminder-sent': true,
            'signal-source': 'energy',
          },
        }),
      { timeoutMs: 90_000, intervalMs: 1_000 },
    );
    const caseId = opened.case.id;
    const task = await driver.task('gemeente.medewerker', caseId, 'matching');

    // Hold the task row so the claim's projection blocks inside the worker.
    const locker = new Client({ connectionString: TEST_DATABASE_URL });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM tasks WHERE id = $1 FOR UPDATE', [task.id]);
    const claim = driver.post(
      'gemeente.medewerker',
      `/tasks/${task.id}/claim`,
      {},
      'sigterm-claim',
    );
    const db = stack.api.get(DataSource);
    await eventually(
      async () => {
        const waiting = await db.query(
          `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
        );
        expect(waiting.length).toBeGreaterThan(0);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );

    const started = Date.now();
    worker.kill('SIGTERM');
    await exited(worker);
    expect(Date.now() - started).toBeLessThan(GRACE_SECONDS * 3_000 + 2_000);

    await locker.query('ROLLBACK');
    await locker.end();
    await claim;
    await stack.startWorker();
    const done = await eventually(
      async () => {
        const retry = await driver.post(
          'gemeente.medewerker',
          `/tasks/${task.id}/claim`,
          {},
          'sigterm-claim',
        );
        expect(retry.status).toBe(200);
        return retry;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(done.status).toBe(200);
    const claims = await db.query(
      `SELECT 1 FROM case_events WHERE case_id = $1 AND type = 'task.claimed'`,
      [caseId],
    );
    expect(claims).toHaveLength(1);
    const [row] = await db.query('SELECT assignee_id FROM tasks WHERE id = $1', [task.id]);
    expect(row.assignee_id).not.toBeNull();
  });
});
