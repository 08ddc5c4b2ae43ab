import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { ReconcilerModule } from '../apps/reconciler/src/reconciler.module';
import { Reconciler } from '../apps/reconciler/src/reconciler.service';
import { CaseDriver } from './support/case-driver';
import { eventually } from './support/eventually';
import { startTestStack, type TestStack } from './support/test-stack';

/**
 * The read side follows what Temporal durably recorded, side effects never block a transition,
 * and a change the read side refuses for good is not made by the workflow either (docs/workflows.md).
 */
const debtIntake = (reference: string, data: Record<string, unknown> = {}) => ({
  chainId: 'vroegsignalering-schuldhulp',
  category: 'arrears-signal',
  clientQuestion: 'Huurachterstand',
  clientReference: reference,
  data: {
    'client-name': 'J. Jansen',
    'contact-address': 'Kerkstraat 2',
    'amount-owed': 900,
    'days-in-arrears': 45,
    'reminder-sent': true,
    'signal-source': 'housing',
    ...data,
  },
});

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

/** A Redis of this test's own, so it can be stopped without touching anyone else's. */
async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn(
    'redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await eventually(
    () =>
      new Promise<void>((done, fail) => {
        const socket = createServer().listen(port, '127.0.0.1');
        socket.once('listening', () => socket.close(() => fail(new Error('not up yet'))));
        socket.once('error', () => done());
      }),
    { timeoutMs: 10_000 },
  );
  return redis;
}

const stop = (child: ChildProcess): Promise<void> =>
  new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });

describe('durable read side and side effects', () => {
  let stack: TestStack;
  let driver: CaseDriver;
  let db: DataSource;
  let redis: ChildProcess;
  let redisPort: number;

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    stack = await startTestStack({
      environment: { REDIS_URL: `redis://127.0.0.1:${redisPort}`, OUTBOX_POLL_MS: '200' },
    });
    driver = new CaseDriver(stack);
    db = stack.api.get(DataSource);
  });
  afterAll(async () => {
    await stack.close();
    await stop(redis);
  });

  /** A debt case up to the debt-help provider's first conversation. */
  async function caseAtFirstConversation(reference: string): Promise<string> {
    const opened = await driver.open('woningcorporatie.medewerker', debtIntake(reference));
    const caseId = opened.case.id;
    await driver.complete('gemeente.medewerker', caseId, 'matching', 'triaged', { crisis: false });
    await driver.complete('gemeente.medewerker', caseId, 'outreach', 'reached', {
      'contact-channel': 'phone',
    });
    return caseId;
  }

  it('a failed intake leaves no case row behind', async () => {
    const response = await stack
      .http()
      .post('/cases')
      .set('Authorization', await driver.as('woningcorporatie.medewerker'))
      .send(debtIntake('KP-GHOST-0001', { 'contact-address': 'x'.repeat(3_000_000) }));
    expect(response.status).toBeGreaterThanOrEqual(400);
    const rows = await db.query(`SELECT id FROM cases WHERE client_reference = 'KP-GHOST-0001'`);
    expect(rows).toEqual([]);
  });

  it('a retried intake with the same Idempotency-Key finds the case its first attempt opened', async () => {
    const first = await driver.open(
      'woningcorporatie.medewerker',
      debtIntake('KP-RETRY-1'),
      'retry-1',
    );
    const again = await driver.open(
      'woningcorporatie.medewerker',
      debtIntake('KP-RETRY-1'),
      'retry-1',
    );
    expect(again.case.id).toBe(first.case.id);
    const rows = await db.query(`SELECT id FROM cases WHERE client_reference = 'KP-RETRY-1'`);
    expect(rows).toHaveLength(1);
  });

  it('keeps handing over while Redis is down; the notifications leave once it is back', async () => {
    const caseId = await caseAtFirstConversation('KP-REDIS-1');
    const conversation = await driver.task('kredietbank.medewerker', caseId, 'first-conversation');
    await stop(redis);

    const started = Date.now();
    await driver.expectOk(
      await driver.post('kredietbank.medewerker', `/tasks/${conversation.id}/claim`),
    );
    const returned = await driver.post(
      'kredietbank.medewerker',
      `/tasks/${conversation.id}/return`,
      {
        reason: 'Telefoonnummer ontbreekt',
      },
    );
    expect(returned.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
    const [pending] = await db.query(
      `SELECT id FROM outbox WHERE case_id = $1 AND kind = 'task.returned' AND relayed_at IS NULL`,
      [caseId],
    );
    expect(pending).toBeDefined();

    redis = await startRedis(redisPort);
    await eventually(
      async () => {
        const delivered = await db.query(`SELECT 1 FROM notifications WHERE event_id = $1`, [
          pending.id,
        ]);
        expect(delivered.length).toBeGreaterThan(0);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const [row] = await db.query(`SELECT relayed_at FROM outbox WHERE id = $1`, [pending.id]);
    expect(row.relayed_at).not.toBeNull();
  });

  it('does not make a change the read side refuses for good, flags the case, and carries on', async () => {
    const caseId = await caseAtFirstConversation('KP-POISON-1');
    const conversation = await driver.task('kredietbank.medewerker', caseId, 'first-conversation');
    await driver.expectOk(
      await driver.post('kredietbank.medewerker', `/tasks/${conversation.id}/claim`),
    );
    // The database refuses this one value for good (as it would a NUL the validation missed).
    await db.query(
      `ALTER TABLE case_events ADD CONSTRAINT durability_test_poison
         CHECK (details->>'reason' IS DISTINCT FROM 'POISON-PILL')`,
    );
    try {
      const refused = await driver.post(
        'kredietbank.medewerker',
        `/tasks/${conversation.id}/return`,
        {
          reason: 'POISON-PILL',
        },
      );
      expect(refused.status).toBe(422);
      expect(refused.body.message).toMatch(/could not be recorded/);
    } finally {
      await db.query(`ALTER TABLE case_events DROP CONSTRAINT durability_test_poison`);
    }
    const [task] = await db.query(`SELECT status FROM tasks WHERE id = $1`, [conversation.id]);
    expect(task.status).toBe('open');
    const [flag] = await db.query(
      `SELECT code, detail FROM case_flags WHERE case_id = $1 AND kind = 'projection-rejected'`,
      [caseId],
    );
    expect(flag.code).toBe('23514');
    expect(JSON.stringify(flag.detail)).not.toContain('POISON-PILL');
    // The workflow did not make the change either: the same task, still claimed, can be returned.
    const again = await driver.post('kredietbank.medewerker', `/tasks/${conversation.id}/return`, {
      reason: 'Telefoonnummer ontbreekt',
    });
    expect(again.status).toBe(200);
    const returns = await db.query(
      `SELECT details->>'reason' AS reason FROM case_events WHERE case_id = $1 AND type = 'task.returned'`,
      [caseId],
    );
    expect(returns).toEqual([{ reason: 'Telefoonnummer ontbreekt' }]);

    // Operators see the flag (ids and codes only) and close it with a reason.
    const admin = await driver.as('admin');
    const listed = await stack
      .http()
      .get('/admin/case-flags')
      .set('Authorization', admin)
      .expect(200);
    const mine = (listed.body as { id: string; caseId: string }[]).find((f) => f.caseId === caseId);
    expect(mine).toMatchObject({ kind: 'projection-rejected', code: '23514' });
    await stack
      .http()
      .post(`/admin/case-flags/${mine?.id}/resolve`)
      .set('Authorization', admin)
      .send({ reason: 'Constraint removed' })
      .expect(204);
    const after = await stack
      .http()
      .get('/admin/case-flags')
      .set('Authorization', admin)
      .expect(200);
    expect((after.body as { id: string }[]).map((f) => f.id)).not.toContain(mine?.id);
    await stack
      .http()
      .get('/admin/case-flags')
      .set('Authorization', await driver.as('kredietbank.medewerker'))
      .expect(403);
  });

  describe('the reconciler', () => {
    let reconcilerContext: INestApplicationContext;
    beforeAll(async () => {
      const moduleRef = await Test.createTestingModule({ imports: [ReconcilerModule] }).compile();
      reconcilerContext = moduleRef.createNestApplication({ logger: ['error'] });
      await reconcilerContext.init();
    });
    afterAll(() => reconcilerContext.close());

    it('repairs task rows that drifted from the workflow and flags it', async () => {
      const caseId = await caseAtFirstConversation('KP-DRIFT-1');
      const before = await db.query(
        `SELECT task_key, status, partner_id, assignee_id FROM tasks WHERE case_id = $1 ORDER BY task_key`,
        [caseId],
      );
      await db.query(
        `UPDATE tasks SET status = 'completed' WHERE case_id = $1 AND status = 'open'`,
        [caseId],
      );
      await db.query(`DELETE FROM tasks WHERE case_id = $1 AND task_key = 'matching:1'`, [caseId]);

      // This case only: the shared test database holds other test files' cases, on task queues
      // whose workers have stopped (the periodic sweep reports those as unreachable).
      const report = await reconcilerContext.get(Reconciler).reconcileCases([caseId]);
      expect(report).toMatchObject({ checked: 1, drifted: 1, repaired: 1 });
      const after = await db.query(
        `SELECT task_key, status, partner_id, assignee_id FROM tasks WHERE case_id = $1 ORDER BY task_key`,
        [caseId],
      );
      expect(after).toEqual(before);
      const [flag] = await db.query(
        `SELECT code, repaired, detail FROM case_flags WHERE case_id = $1 AND kind = 'drift'`,
        [caseId],
      );
      expect(flag).toMatchObject({ code: 'rows', repaired: true });
      expect(flag.detail.tasks).toEqual(
        expect.arrayContaining(['matching:1', 'first-conversation:1']),
      );

      // A second sweep finds this case in step again.
      const again = await reconcilerContext.get(Reconciler).reconcileCases([caseId]);
      const [count] = await db.query(
        `SELECT occurrences FROM case_flags WHERE case_id = $1 AND kind = 'drift'`,
        [caseId],
      );
      expect(count.occurrences).toBe(1);
      expect(again).toMatchObject({ checked: 1, drifted: 0 });
    });
  });

  it('writes no audit line it cannot keep: the answer is withheld with 503', async () => {
    await db.query(`
      CREATE FUNCTION durability_test_refuse_audit() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'audit storage unavailable' USING ERRCODE = '57P03'; END $$ LANGUAGE plpgsql`);
    await db.query(`CREATE TRIGGER durability_test_refuse_audit BEFORE INSERT ON audit_log
      FOR EACH ROW EXECUTE FUNCTION durability_test_refuse_audit()`);
    try {
      const response = await stack
        .http()
        .get('/cases')
        .set('Authorization', await driver.as('regisseur'));
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBeDefined();
      expect(response.body.items).toBeUndefined();
    } finally {
      await db.query(`DROP TRIGGER durability_test_refuse_audit ON audit_log`);
      await db.query(`DROP FUNCTION durability_test_refuse_audit`);
    }
  });
});

describe('bounded waits', () => {
  let stack: TestStack;
  let driver: CaseDriver;
  beforeAll(async () => {
    stack = await startTestStack({ environment: { UPDATE_DEADLINE_MS: '1500' } });
    driver = new CaseDriver(stack);
  });
  afterAll(() => stack.close());

  it('answers 503 with Retry-After past the Update deadline; the retry with the same key acts once', async () => {
    const opened = await driver.open('woningcorporatie.medewerker', debtIntake('KP-DEADLINE-1'));
    const caseId = opened.case.id;
    const task = await driver.task('gemeente.medewerker', caseId, 'matching');
    await stack.stopWorker();
    const started = Date.now();
    const late = await driver.post(
      'gemeente.medewerker',
      `/tasks/${task.id}/claim`,
      {},
      'claim-once',
    );
    expect(late.status).toBe(503);
    expect(late.headers['retry-after']).toBeDefined();
    expect(Date.now() - started).toBeLessThan(10_000);

    // Reading does not depend on the engine: the task is shown, its actions marked unknown.
    const read = await stack
      .http()
      .get(`/tasks/${task.id}`)
      .set('Authorization', await driver.as('gemeente.medewerker'));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ actions: [], actionsUnavailable: true });

    await stack.startWorker();
    await eventually(
      async () => {
        const retry = await driver.post(
          'gemeente.medewerker',
          `/tasks/${task.id}/claim`,
          {},
          'claim-once',
        );
        expect(retry.status).toBe(200);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    const claims = await stack.api
      .get(DataSource)
      .query(`SELECT 1 FROM case_events WHERE case_id = $1 AND type = 'task.claimed'`, [caseId]);
    expect(claims).toHaveLength(1);
  });

  it('is not ready while no worker polls the case task queue', async () => {
    const idle = await startTestStack({ worker: false, relay: false });
    try {
      const response = await idle.http().get('/health/ready');
      expect(response.status).toBe(503);
      expect(response.body.error.workers.message).toMatch(/No worker polls/);
      expect(response.body.info.redis).toBeDefined();
    } finally {
      await idle.close();
    }
  });
});
