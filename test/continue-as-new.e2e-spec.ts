import { Client } from '@temporalio/client';
import { caseWorkflowId } from '@schakel/contracts';
import { CaseDriver } from './support/case-driver';
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
});
