import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { CaseDriver } from './support/case-driver';
import { eventually } from './support/eventually';
import type { TestStack } from './support/test-stack';
import { startTimeSkippingStack, type TimeSkippingStack } from './support/time-skipping';

const DAY = 24 * 3600 * 1000;

const debtIntake = (reference: string) => ({
  chainId: 'vroegsignalering-schuldhulp',
  category: 'arrears-signal',
  clientQuestion: 'Achterstand zorgpremie.',
  clientReference: reference,
  data: {
    'client-name': 'P. Visser',
    'contact-address': 'Dijk 8',
    'amount-owed': 1300,
    'days-in-arrears': 60,
    'reminder-sent': true,
    'signal-source': 'health-insurance',
  },
});

type Escalation = { id: string; caseId: string; trigger: string; taskKey: string | null };
type TimelineEntry = { type: string; details: Record<string, unknown> };

describe('stalled cases and disputes between partners (time-skipping Temporal test server)', () => {
  let env: TestWorkflowEnvironment;
  let stack: TestStack;
  let driver: CaseDriver;
  let running: TimeSkippingStack | undefined;
  beforeAll(async () => {
    running = await startTimeSkippingStack();
    ({ env, stack } = running);
    driver = new CaseDriver(stack);
  });
  afterAll(() => running?.close());

  const escalations = async (caseId: string) =>
    (
      (await driver.get('regisseur', '/escalations?status=open&limit=200')).body
        .items as Escalation[]
    ).filter((escalation) => escalation.caseId === caseId);

  it('lets a partner raise a disagreement on its task, into the regisseur queue with the reason', async () => {
    const { case: opened } = await driver.open(
      'woningcorporatie.medewerker',
      debtIntake('KP-DISPUTE-1'),
    );
    const task = await driver.task('gemeente.medewerker', opened.id, 'matching');
    const missing = await driver.post('gemeente.medewerker', `/tasks/${task.id}/disagree`, {});
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('reason');
    // Another organisation cannot see the task, let alone dispute it.
    const outsider = await driver.post('kredietbank.medewerker', `/tasks/${task.id}/disagree`, {
      reason: 'Niet eens.',
    });
    expect(outsider.status).toBe(404);

    const raised = await driver.post('gemeente.medewerker', `/tasks/${task.id}/disagree`, {
      reason: 'Signaal hoort bij de zorgverzekeraar, niet bij de woningcorporatie.',
    });
    expect(raised.status).toBe(200);
    await eventually(async () =>
      expect(await escalations(opened.id)).toEqual([
        expect.objectContaining({ trigger: 'partners-disagree', taskKey: 'matching:1' }),
      ]),
    );
    const timeline = (await driver.get('regisseur', `/cases/${opened.id}/timeline`))
      .body as TimelineEntry[];
    expect(timeline).toContainEqual(
      expect.objectContaining({
        type: 'escalation.raised',
        details: expect.objectContaining({
          trigger: 'partners-disagree',
          reason: 'Signaal hoort bij de zorgverzekeraar, niet bij de woningcorporatie.',
        }),
      }),
    );
  });

  it('raises case-stalled once when no task opened or closed for the model-configured six weeks', async () => {
    const { case: opened } = await driver.open(
      'woningcorporatie.medewerker',
      debtIntake('KP-STALL-1'),
    );
    await env.sleep(30 * DAY);
    expect((await escalations(opened.id)).map((e) => e.trigger)).not.toContain('case-stalled');
    await env.sleep(14 * DAY);
    await eventually(async () =>
      expect((await escalations(opened.id)).filter((e) => e.trigger === 'case-stalled')).toEqual([
        expect.objectContaining({ taskKey: 'matching:1' }),
      ]),
    );
    await env.sleep(30 * DAY);
    expect((await escalations(opened.id)).filter((e) => e.trigger === 'case-stalled')).toHaveLength(
      1,
    );
  });
});
