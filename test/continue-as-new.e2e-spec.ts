import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { caseWorkflowId, MODEL_VERSION_ATTRIBUTE } from '@schakel/contracts';
import { debtChainVersion2 } from '../libs/reference-model/test/migration-examples';
import { CaseDriver } from './support/case-driver';
import { eventually } from './support/eventually';
import { debtChainCopy, publish } from './support/migration-chain';
import { startTestStack, type TestStack } from './support/test-stack';

/** A long case continues as new before its history grows large, carrying its state over intact. */
describe('continue-as-new', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ environment: { CASE_HISTORY_LIMIT: '40' } });
  });
  afterAll(() => stack.close());

  it('carries a case across runs and still ends where the model says', async () => {
    const driver = new CaseDriver(stack);
    const { case: opened } = await driver.open('gemeente.medewerker', {
      chainId: 'wmo-maatwerk',
      category: 'wmo-notification',
      clientQuestion: 'Begeleiding bij dagbesteding.',
      clientReference: 'KP-CAN-0001',
      data: {
        'client-name': 'C. de Boer',
        'contact-address': 'Lindelaan 2',
        'support-question': 'Dagbesteding',
        'notification-date': '2026-11-20',
        'wants-personal-plan': true,
      },
    });
    const caseId = opened.id;
    await driver.complete('clientondersteuning.medewerker', caseId, 'personal-plan', 'submitted', {
      'personal-plan-summary': 'Wil twee dagen per week naar de dagbesteding.',
    });
    // The medical-advice loop makes the history long enough to cross the limit more than once.
    await driver.complete('gemeente.medewerker', caseId, 'assessment', 'medical-advice-needed', {
      'assessment-report': 'Advies nodig.',
    });
    await driver.complete('medisch-adviseur.medewerker', caseId, 'medical-advice', 'advised', {
      'medical-advice': 'Geschikt.',
    });
    await driver.complete('gemeente.medewerker', caseId, 'assessment', 'custom-support', {
      'assessment-report': 'Dagbesteding.',
    });
    await driver.complete('gemeente.medewerker', caseId, 'application', 'signed', {
      'application-date': '2026-11-27',
    });
    await driver.complete('gemeente.medewerker', caseId, 'decision', 'granted', {
      'decision-date': '2026-11-27',
      'support-type': 'daily-activities',
    });
    const end = await driver.complete(
      'zorgaanbieder.medewerker',
      caseId,
      'assignment',
      'care-started',
    );
    expect(end.ended).toMatchObject({ endId: 'care-started', result: 'solved' });

    const description = await stack.api
      .get(Client)
      .workflow.getHandle(caseWorkflowId(caseId))
      .describe();
    expect(description.status.name).toBe('COMPLETED');
    expect(description.runId).not.toBe(description.raw.workflowExecutionInfo?.firstRunId);
    const timeline = await driver.get('gemeente.medewerker', `/cases/${caseId}/timeline`);
    const completed = (timeline.body as { type: string }[]).filter(
      (entry) => entry.type === 'task.completed',
    );
    expect(completed).toHaveLength(7);
  });

  it('continues a migrated case on the version it moved to (issue 16)', async () => {
    const driver = new CaseDriver(stack);
    const owner = await driver.as('admin');
    const chainId = 'doorstart-migratie';
    const version1 = debtChainCopy(chainId);
    await publish(stack, owner, version1);
    const { case: opened } = await driver.open('woningcorporatie.medewerker', {
      chainId,
      category: 'arrears-signal',
      clientQuestion: 'Huurachterstand.',
      clientReference: 'KP-CAN-0002',
      data: {
        'client-name': 'D. Smit',
        'contact-address': 'Beukenlaan 3',
        'amount-owed': 900,
        'days-in-arrears': 50,
        'reminder-sent': true,
        'signal-source': 'housing',
      },
    });
    const caseId = opened.id;
    await driver.complete('gemeente.medewerker', caseId, 'matching', 'triaged', { crisis: false });
    await publish(stack, owner, debtChainVersion2(version1));
    const plan = await stack
      .http()
      .post(`/models/${chainId}/migration-plans`)
      .set('Authorization', owner)
      .send({ fromVersion: 1, toVersion: 2, steps: [{ from: 'matching', to: ['triage'] }] })
      .expect(201);
    const run = await stack
      .http()
      .post(`/models/${chainId}/migration-plans/${plan.body.id}/runs`)
      .set('Authorization', owner)
      .send({ reason: 'Outreach naar maatschappelijk werk' })
      .expect(201);
    await eventually(async () => {
      const now = await driver.get('admin', `/models/${chainId}/migration-runs/${run.body.id}`);
      expect(now.body).toMatchObject({ status: 'finished', progress: { migrated: 1 } });
    });
    // Outreach is social work's in version 2; the not-reached loop runs the history past the limit.
    for (let round = 0; round < 3; round++) {
      await driver.complete('maatschappelijk-werk.medewerker', caseId, 'outreach', 'not-reached', {
        'contact-channel': 'letter',
      });
    }
    const handle = stack.api.get(Client).workflow.getHandle(caseWorkflowId(caseId));
    const description = await handle.describe();
    expect(description.runId).not.toBe(description.raw.workflowExecutionInfo?.firstRunId);
    expect(description.typedSearchAttributes.get(MODEL_VERSION_ATTRIBUTE)).toBe(2);
    // The run now going started after the migration, and opened the last rework task itself: on
    // version 1 that task would be the municipality's again.
    const started = Number((await handle.fetchHistory()).events?.[0].eventTime?.seconds) * 1000;
    const [migrated] = await stack.api
      .get(DataSource)
      .query(`SELECT occurred_at FROM case_events WHERE case_id = $1 AND type = 'case.migrated'`, [
        caseId,
      ]);
    const open = await driver.task('maatschappelijk-werk.medewerker', caseId, 'outreach');
    const rework = (await driver.get('regisseur', `/cases/${caseId}`)).body.tasks.find(
      (task: { taskKey: string }) => task.taskKey === 'outreach:4',
    );
    expect(open.taskKey).toBe('outreach:4');
    expect(started).toBeGreaterThanOrEqual(
      Math.floor(migrated.occurred_at.getTime() / 1000) * 1000,
    );
    expect(started).toBeLessThanOrEqual(Date.parse(rework.openedAt));
  });
});
