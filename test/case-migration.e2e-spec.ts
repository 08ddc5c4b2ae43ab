import { DataSource } from 'typeorm';
import { KpiRollupRepository, type RunProgress } from '@schakel/database';
import { dueDate, HolidayCalendar } from '@schakel/calendar';
import { CaseDriver } from './support/case-driver';
import { eventually } from './support/eventually';
import { recordHistory } from './support/histories';
import { debtChainVersion2 } from '../libs/reference-model/test/migration-examples';
import { debtChainCopy, publish } from './support/migration-chain';
import { startTestStack, type TestStack } from './support/test-stack';

/**
 * Issue 16's done-when: version 2 of an example chain (a renamed step, a tightened norm, a step
 * moved to another partner) is published, 50 open cases at mixed positions are dry-run and then
 * migrated in batches, and a worker restart halfway through resumes without migrating any case twice.
 */
const CHAIN = 'migratie-proef';
const REASON =
  'Evaluatie 2026: eerste gesprek binnen drie weken, outreach naar maatschappelijk werk';

interface CaseTask {
  id: string;
  taskKey: string;
  stepId: string;
  partnerId: string;
  status: string;
  dueAt: string | null;
}
interface TaskRow {
  case_id: string;
  task_key: string;
  step_id: string;
  partner_id: string;
  status: string;
  model_version: number;
  assignee_id: string | null;
  due_at: Date | null;
}
interface CaseView {
  caseId: string;
  outcome: string;
  problems: { code: string }[];
  tasks: {
    taskKey: string;
    action: string;
    after?: { stepId: string; partnerId: string; dueAt: string | null };
  }[];
}

const intake = (n: number) => ({
  chainId: CHAIN,
  category: 'arrears-signal',
  clientQuestion: 'Huurachterstand; wil weer grip op de financiën.',
  clientReference: `KP-MIG-${n}`,
  data: {
    'client-name': 'J. de Vries',
    'contact-address': 'Dorpsstraat 1, Middenstad',
    'amount-owed': 1850,
    'days-in-arrears': 64,
    'reminder-sent': true,
    'signal-source': 'housing',
  },
});

/** Where each group of cases waits when the migration starts, and as whom to get it there. */
const GROUPS = {
  matching: 12,
  outreach: 12,
  claimedOutreach: 6,
  firstConversation: 12,
  feedback: 8,
} as const;
type Group = keyof typeof GROUPS;

describe('running cases move to a new model version (issue 16)', () => {
  let stack: TestStack;
  let driver: CaseDriver;
  let db: DataSource;
  let owner: string;
  const cases = new Map<Group, string[]>();
  let planId: string;

  const view = async (caseId: string) =>
    (await driver.get('regisseur', `/cases/${caseId}`)).body as { tasks: CaseTask[] };
  const openTask = async (caseId: string) =>
    (await view(caseId)).tasks.find((task) => task.status === 'open') as CaseTask;

  /** Claims and completes the case's open task as a caseworker of the partner holding it. */
  async function complete(caseId: string, outcome: string, data: Record<string, unknown> = {}) {
    const task = await openTask(caseId);
    const user = `${task.partnerId}.medewerker`;
    await driver.expectOk(await driver.post(user, `/tasks/${task.id}/claim`));
    await driver.expectOk(await driver.post(user, `/tasks/${task.id}/complete`, { outcome, data }));
  }

  async function openCase(group: Group, n: number): Promise<string> {
    const caseId = (await driver.open('woningcorporatie.medewerker', intake(n))).case.id;
    if (group === 'matching') return caseId;
    await complete(caseId, 'triaged', { crisis: false });
    if (group === 'claimedOutreach') {
      const task = await openTask(caseId);
      await driver.expectOk(await driver.post('gemeente.medewerker', `/tasks/${task.id}/claim`));
    }
    if (group === 'outreach' || group === 'claimedOutreach') return caseId;
    await complete(caseId, 'reached', { 'contact-channel': 'phone' });
    if (group === 'firstConversation') return caseId;
    await complete(caseId, 'accepted', { 'help-accepted': true });
    return caseId;
  }

  const tasksOf = (ids: string[]): Promise<TaskRow[]> =>
    db.query(`SELECT * FROM tasks WHERE case_id = ANY($1) ORDER BY case_id, task_key`, [ids]);
  const all = () => [...cases.values()].flat();

  beforeAll(async () => {
    // A short grace, so stopping the worker interrupts the batch in flight instead of draining it.
    stack = await startTestStack({ environment: { WORKER_SHUTDOWN_GRACE_SECONDS: '1' } });
    driver = new CaseDriver(stack);
    db = stack.api.get(DataSource);
    owner = await driver.as('admin');
    const version1 = debtChainCopy(CHAIN);
    await publish(stack, owner, version1);
    let n = 0;
    for (const group of Object.keys(GROUPS) as Group[]) {
      const numbers = Array.from({ length: GROUPS[group] }, () => (n += 1));
      // A few at a time: each case is a workflow, each step an Update through the real stack.
      const ids: string[] = [];
      for (let i = 0; i < numbers.length; i += 6) {
        ids.push(...(await Promise.all(numbers.slice(i, i + 6).map((k) => openCase(group, k)))));
      }
      cases.set(group, ids);
    }
    // Published while the 50 cases run on version 1.
    await publish(stack, owner, debtChainVersion2(version1));
  });
  afterAll(() => stack.close());

  it('generates the plan, shows what the owner must map, and validates the edited revision', async () => {
    const generated = await stack
      .http()
      .post(`/models/${CHAIN}/migration-plans`)
      .set('Authorization', owner)
      .send({ fromVersion: 1, toVersion: 2 })
      .expect(201);
    expect(generated.body).toMatchObject({ revision: 1, valid: false });
    expect(generated.body.problems).toEqual([
      expect.objectContaining({
        code: 'unmapped-step',
        message: expect.stringContaining('matching'),
      }),
    ]);
    const edited = await stack
      .http()
      .post(`/models/${CHAIN}/migration-plans`)
      .set('Authorization', owner)
      .send({ fromVersion: 1, toVersion: 2, steps: [{ from: 'matching', to: ['triage'] }] })
      .expect(201);
    expect(edited.body).toMatchObject({
      revision: 2,
      valid: true,
      problems: [],
      claimedWork: 'refuse',
    });
    expect(edited.body.steps).toEqual(
      expect.arrayContaining([{ from: 'matching', to: ['triage'], origin: 'owner' }]),
    );
    planId = edited.body.id;
    // Another chain's owner view: the plan is not there.
    await stack
      .http()
      .get(`/models/vroegsignalering-schuldhulp/migration-plans/${planId}`)
      .set('Authorization', owner)
      .expect(404);
  });

  it("refuses what cannot be, naming the field, and keeps another chain's owner out (404)", async () => {
    const post = (path: string, body: object, as = owner) =>
      stack.http().post(`/models/${CHAIN}${path}`).set('Authorization', as).send(body);
    const backwards = await post('/migration-plans', { fromVersion: 2, toVersion: 2 }).expect(422);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'toVersion' })]);
    const unknown = await post('/migration-plans', { fromVersion: 1, toVersion: 9 }).expect(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'toVersion' })]);
    const malformed = await post('/migration-plans', {
      fromVersion: 1,
      toVersion: 2,
      steps: [{ from: 'matching', to: 'triage' }],
    }).expect(400);
    expect(JSON.stringify(malformed.body.errors)).toContain('steps.0.to');
    // The generated revision has a problem: it cannot run.
    const generated = await post('/migration-plans', { fromVersion: 1, toVersion: 2 }).expect(201);
    const invalid = await post(`/migration-plans/${generated.body.id}/runs`, {
      reason: 'Te vroeg',
    }).expect(422);
    expect(invalid.body.errors).toEqual([
      expect.objectContaining({ field: '/steps', code: 'unmapped-step' }),
    ]);
    const noCases = await post(`/migration-plans/${planId}/runs`, {
      reason: 'Niemand',
      selection: { stepIds: ['aftercare'] },
    }).expect(422);
    expect(noCases.body.errors).toEqual([expect.objectContaining({ field: 'selection' })]);

    // A model owner of another chain only: this chain's plans do not exist for them.
    const username = `owner.${planId.slice(0, 8)}`;
    await stack
      .http()
      .post('/admin/people')
      .set('Authorization', owner)
      .send({
        username,
        displayName: username,
        password: 'a-long-local-password',
        grants: [{ role: 'model-owner', chainId: 'wmo-maatwerk' }],
      })
      .expect(201);
    const login = await stack
      .http()
      .post('/auth/login')
      .send({ username, password: 'a-long-local-password' })
      .expect(200);
    const stranger = `Bearer ${login.body.accessToken as string}`;
    await stack
      .http()
      .get(`/models/${CHAIN}/migration-plans/${planId}`)
      .set('Authorization', stranger)
      .expect(404);
    await post(`/migration-plans/${planId}/dry-run`, {}, stranger).expect(404);
    await stack
      .http()
      .get(`/models/${CHAIN}/migration-runs`)
      .set('Authorization', stranger)
      .expect(404);
    await stack
      .http()
      .get('/models/wmo-maatwerk/migration-plans')
      .set('Authorization', stranger)
      .expect(200);
  });

  it('dry-runs every open case: what happens to each task and its clocks, and who cannot migrate', async () => {
    const before = await tasksOf(all());
    const response = await stack
      .http()
      .post(`/models/${CHAIN}/migration-plans/${planId}/dry-run`)
      .set('Authorization', owner)
      .send({})
      .expect(200);
    const dryRun = response.body as { selected: number; summary: object; cases: CaseView[] };
    expect(dryRun.selected).toBe(50);
    expect(dryRun.summary).toEqual({ migratable: 44, alreadyMigrated: 0, refused: 6 });
    const byCase = new Map(dryRun.cases.map((entry) => [entry.caseId, entry]));
    for (const caseId of cases.get('claimedOutreach') ?? []) {
      expect(byCase.get(caseId)).toMatchObject({
        outcome: 'refused',
        problems: [expect.objectContaining({ code: 'claimed-work' })],
      });
    }
    for (const caseId of cases.get('outreach') ?? []) {
      expect(byCase.get(caseId)?.tasks).toEqual([
        expect.objectContaining({
          action: 'moved',
          after: expect.objectContaining({ stepId: 'outreach', partnerId: 'maatschappelijk-werk' }),
        }),
      ]);
    }
    // The tightened norm: three weeks from the intake (Atw), where it was four.
    const calendar = new HolidayCalendar();
    for (const caseId of cases.get('firstConversation') ?? []) {
      const [{ opened_at }] = await db.query(`SELECT opened_at FROM cases WHERE id = $1`, [caseId]);
      const due = dueDate(
        opened_at.getTime(),
        { amount: 21, unit: 'calendarDays', atw: true },
        calendar,
      );
      expect(byCase.get(caseId)?.tasks[0]).toMatchObject({
        action: 'kept',
        after: { stepId: 'first-conversation', dueAt: new Date(due).toISOString() },
      });
    }
    // Nothing changed.
    expect(await tasksOf(all())).toEqual(before);
  });

  it('migrates in batches, resumes after a worker restart halfway, and migrates no case twice', async () => {
    // Two cases end after the dry run: a run takes open cases only, and leaves these be.
    const [closedA, closedB] = cases.get('matching') ?? [];
    for (const caseId of [closedA, closedB]) {
      await driver.expectOk(
        await driver.post('regisseur', `/cases/${caseId}/close`, {
          endId: 'signal-not-pursued',
          reason: 'Bij nader inzien al in traject',
        }),
      );
    }
    const refusedIds = cases.get('claimedOutreach') ?? [];
    const untouchedIds = [...refusedIds, closedA, closedB];
    const untouched = await tasksOf(untouchedIds);

    const started = await stack
      .http()
      .post(`/models/${CHAIN}/migration-plans/${planId}/runs`)
      .set('Authorization', owner)
      .set('Idempotency-Key', `run-${planId}`)
      .send({ reason: REASON, batchSize: 25 })
      .expect(201);
    const runId = started.body.id as string;
    expect(started.body.progress).toMatchObject({ total: 48, pending: 48, batches: 2 });
    const progress = async () =>
      (
        await stack
          .http()
          .get(`/models/${CHAIN}/migration-runs/${runId}`)
          .set('Authorization', owner)
          .expect(200)
      ).body as {
        status: string;
        progress: RunProgress;
        cases: { caseId: string; outcome: string }[];
      };

    // Halfway: some cases settled, others not; the worker goes down and comes back.
    const halfway = await eventually(
      async () => {
        const now = await progress();
        if (now.progress.total - now.progress.pending < 5) throw new Error('not yet');
        return now;
      },
      { timeoutMs: 60_000, intervalMs: 20 },
    );
    await stack.stopWorker();
    expect(halfway.progress.pending).toBeGreaterThan(0);
    const atStop = (await progress()).progress;
    expect(atStop.pending).toBeGreaterThan(0);
    await stack.startWorker();

    const done = await eventually(
      async () => {
        const now = await progress();
        if (now.status !== 'finished') throw new Error(`still ${now.status}`);
        return now;
      },
      { timeoutMs: 90_000, intervalMs: 200 },
    );
    expect(done.progress).toEqual({
      total: 48,
      pending: 0,
      migrated: 42,
      alreadyMigrated: 0,
      refused: 6,
      batches: 2,
      batchesDone: 2,
    });
    expect(
      done.cases
        .filter((entry) => entry.outcome === 'refused')
        .map((entry) => entry.caseId)
        .sort(),
    ).toEqual([...refusedIds].sort());

    // Exactly one move per migrated case, whatever the restart interrupted.
    const moved: { case_id: string; moves: string }[] = await db.query(
      `SELECT case_id, count(*) AS moves FROM case_events WHERE case_id = ANY($1) AND type = 'case.migrated'
       GROUP BY case_id`,
      [all()],
    );
    const migratedIds = all().filter((id) => !untouchedIds.includes(id));
    expect(moved.map((row) => row.case_id).sort()).toEqual([...migratedIds].sort());
    expect(moved.every((row) => Number(row.moves) === 1)).toBe(true);

    // One audit line per case and per batch, with the owner as actor and the reason given.
    const audit: { route: string; lines: string; reasons: string }[] = await db.query(
      `SELECT route, count(*) AS lines, count(*) FILTER (WHERE reason_given) AS reasons
       FROM audit_log WHERE request_id = $1 GROUP BY route ORDER BY route`,
      [runId],
    );
    expect(audit.map((row) => [row.route, Number(row.lines), Number(row.reasons)])).toEqual([
      ['/models/:chainId/migration-runs/:runId/batches/:batch', 2, 2],
      ['/models/:chainId/migration-runs/:runId/cases/:caseId', 48, 48],
    ]);
    const lines: { case_id: string }[] = await db.query(
      `SELECT case_id FROM audit_log WHERE request_id = $1 AND case_id IS NOT NULL`,
      [runId],
    );
    expect(new Set(lines.map((line) => line.case_id)).size).toBe(48);

    // Refused and closed cases are as they were: their tasks, their version.
    expect(await tasksOf(untouchedIds)).toEqual(untouched);
    const versions: { id: string; model_version: number }[] = await db.query(
      `SELECT id, model_version FROM cases WHERE id = ANY($1)`,
      [all()],
    );
    for (const row of versions) {
      expect([row.id, row.model_version]).toEqual([row.id, untouchedIds.includes(row.id) ? 1 : 2]);
    }
  });

  it('puts every open task on its new step and partner, due dates recomputed, nothing lost or doubled', async () => {
    const calendar = new HolidayCalendar();
    const rows = await tasksOf(all());
    const open = (ids: string[]) =>
      rows.filter((row) => ids.includes(row.case_id) && row.status === 'open');
    const matching = (cases.get('matching') ?? []).slice(2);
    expect(
      open(matching).map((row) => [row.task_key, row.step_id, row.partner_id, row.model_version]),
    ).toEqual(matching.map(() => ['matching:1', 'triage', 'gemeente', 2]));
    expect(
      open(cases.get('outreach') ?? []).map((row) => [
        row.task_key,
        row.partner_id,
        row.assignee_id,
      ]),
    ).toEqual(
      (cases.get('outreach') ?? []).map(() => ['outreach:1', 'maatschappelijk-werk', null]),
    );
    for (const row of open(cases.get('firstConversation') ?? [])) {
      const [{ opened_at }] = await db.query(`SELECT opened_at FROM cases WHERE id = $1`, [
        row.case_id,
      ]);
      const due = dueDate(
        opened_at.getTime(),
        { amount: 21, unit: 'calendarDays', atw: true },
        calendar,
      );
      expect([row.task_key, row.due_at?.toISOString()]).toEqual([
        'first-conversation:1',
        new Date(due).toISOString(),
      ]);
    }
    expect(open(cases.get('feedback') ?? []).map((row) => [row.task_key, row.partner_id])).toEqual(
      (cases.get('feedback') ?? []).map(() => ['feedback:1', 'woningcorporatie']),
    );
    // Every case still has exactly the task rows it had, each key once (nothing opened twice).
    const keys = rows.map((row) => `${row.case_id}/${row.task_key}`);
    expect(new Set(keys).size).toBe(keys.length);
    const openCounts = all().map(
      (id) => rows.filter((row) => row.case_id === id && row.status === 'open').length,
    );
    expect(openCounts.filter((count) => count !== 1)).toEqual([0, 0]); // the two closed cases

    // The partner that received outreach was told, once per task; the one that lost it too.
    const told: { kind: string; n: string }[] = await db.query(
      `SELECT kind, count(*) AS n FROM outbox WHERE case_id = ANY($1) AND kind IN ('task.migrated', 'task.cancelled')
       GROUP BY kind ORDER BY kind`,
      [cases.get('outreach')],
    );
    expect(told.map((row) => [row.kind, Number(row.n)])).toEqual([
      ['task.cancelled', 12],
      ['task.migrated', 12],
    ]);
    // A task whose step, partner and due date stayed the same moves silently.
    const quiet: { n: string }[] = await db.query(
      `SELECT count(*) AS n FROM outbox WHERE case_id = ANY($1) AND kind = 'task.migrated'`,
      [cases.get('feedback')],
    );
    expect(Number(quiet[0].n)).toBe(0);
  });

  it("shows the move in the case timeline, with the owner's reason for the case's partners", async () => {
    const caseId = (cases.get('outreach') ?? [])[0];
    const timeline = (await driver.get('gemeente.medewerker', `/cases/${caseId}/timeline`))
      .body as {
      type: string;
      details: Record<string, unknown>;
    }[];
    expect(timeline.find((entry) => entry.type === 'case.migrated')?.details).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      reason: REASON,
    });
    expect(timeline.find((entry) => entry.type === 'task.migrated')).toMatchObject({
      partnerId: 'maatschappelijk-werk',
      details: { fromPartnerId: 'gemeente', fromStepId: 'outreach' },
    });
    // Operations read process data only: that there was a reason, not its text.
    const operations = (await driver.get('operations', `/cases/${caseId}/timeline`)).body as {
      type: string;
      details: Record<string, unknown>;
    }[];
    expect(operations.find((entry) => entry.type === 'case.migrated')?.details).toMatchObject({
      reasonWithheld: true,
    });
  });

  it('runs a migrated case on to its end under version 2, counted in the KPIs of the version its tasks ran under', async () => {
    const caseId = (cases.get('feedback') ?? [])[0];
    await complete(caseId, 'acknowledged');
    await complete(caseId, 'granted', { 'debt-total': 9000 });
    await complete(caseId, 'dropped-out', { 'income-stable': false });
    const closed = (await driver.get('regisseur', `/cases/${caseId}`)).body;
    expect(closed).toMatchObject({
      status: 'closed',
      modelVersion: 2,
      endId: 'dropped-out-stabilisation',
    });
    await recordHistory(stack, caseId, 'migrated-vroegsignalering-schuldhulp');

    // Task facts follow the transitions off their path (the KPI rollup): settle them first.
    await stack.api.get(KpiRollupRepository).drain();
    const facts: { step_id: string; model_version: number }[] = await db.query(
      `SELECT step_id, model_version FROM task_facts WHERE case_id = $1 ORDER BY closed_at`,
      [caseId],
    );
    expect(facts.map((fact) => [fact.step_id, fact.model_version])).toEqual([
      ['matching', 1],
      ['outreach', 1],
      ['first-conversation', 1],
      ['feedback', 2],
      ['access-decision', 2],
      ['stabilisation', 2],
    ]);
    const day = new Date().toISOString().slice(0, 10);
    const steps = async (version: number) =>
      (
        (
          await driver.get(
            'operations',
            `/kpis/lead-times?chainId=${CHAIN}&modelVersion=${version}&from=${day}&to=${day}`,
          )
        ).body as { steps: { stepId: string }[] }
      ).steps
        .map((row) => row.stepId)
        .sort();
    expect(await steps(2)).toEqual(['access-decision', 'feedback', 'stabilisation']);
    expect(await steps(1)).toEqual(
      expect.arrayContaining(['first-conversation', 'matching', 'outreach']),
    );
    expect(await steps(1)).not.toContain('feedback');
  });
});
