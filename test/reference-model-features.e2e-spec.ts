import { CaseDriver } from './support/case-driver';
import { startTestStack, type TestStack } from './support/test-stack';

/** Features of the reference model format (docs/reference-model.md), driven over HTTP. */
describe('reference model features over HTTP', () => {
  let stack: TestStack;
  let driver: CaseDriver;
  beforeAll(async () => {
    stack = await startTestStack();
    driver = new CaseDriver(stack);
  });
  afterAll(() => stack.close());

  let reference = 0;
  /** A debt case driven to its stabilisation step, which precedes the inclusive arrangement split. */
  async function debtCaseAtStabilisation(): Promise<string> {
    const opened = await driver.open('woningcorporatie.medewerker', {
      chainId: 'vroegsignalering-schuldhulp',
      category: 'arrears-signal',
      clientQuestion: 'Achterstand energie; wil een regeling.',
      clientReference: `KP-RM-${++reference}`,
      data: {
        'client-name': 'R. Peters',
        'contact-address': 'Molenweg 3, Middenstad',
        'amount-owed': 900,
        'days-in-arrears': 45,
        'reminder-sent': true,
        'signal-source': 'energy',
      },
    });
    const caseId = opened.case.id;
    await driver.complete('gemeente.medewerker', caseId, 'matching', 'triaged', { crisis: false });
    await driver.complete('gemeente.medewerker', caseId, 'outreach', 'reached', {
      'contact-channel': 'letter',
    });
    await driver.complete('kredietbank.medewerker', caseId, 'first-conversation', 'accepted', {
      'help-accepted': true,
    });
    await driver.complete('woningcorporatie.medewerker', caseId, 'feedback', 'acknowledged');
    await driver.complete('gemeente.medewerker', caseId, 'access-decision', 'granted', {
      'debt-total': 5200,
    });
    return caseId;
  }

  /** A child-protection case handed over to the joint voluntary-help step; returns its opening. */
  async function childCaseAtVoluntaryHelp(reference: string) {
    const opened = await driver.open('veilig-thuis.medewerker', {
      chainId: 'huiselijk-geweld-jeugdbescherming',
      category: 'structural-unsafe',
      clientQuestion: 'Zorgen over de veiligheid thuis.',
      clientReference: reference,
      data: {
        'child-name': 'T. Smit',
        'child-birth-date': '2015-02-03',
        'parent-names': 'A. en B. Smit',
        address: 'Plein 5',
        'reporter-type': 'gp',
        'report-summary': 'Signalen van de huisarts.',
      },
    });
    const caseId = opened.case.id;
    await driver.complete('veilig-thuis.medewerker', caseId, 'safety-assessment', 'investigate', {
      'safety-level': 'structural',
      'assessment-notes': 'Onderzoek nodig.',
    });
    const investigated = await driver.complete(
      'veilig-thuis.medewerker',
      caseId,
      'investigation',
      'concluded',
      { 'investigation-conclusion': 'Hulp nodig.', 'parents-cooperate': true },
    );
    return { caseId, opened: investigated.opened };
  }

  it('offers enum values with their labels on the task form', async () => {
    const opened = await driver.open('woningcorporatie.medewerker', {
      chainId: 'vroegsignalering-schuldhulp',
      category: 'arrears-signal',
      clientQuestion: 'Huurachterstand.',
      clientReference: 'KP-RM-LABELS',
      data: {
        'client-name': 'L. Bos',
        'contact-address': 'Markt 2',
        'amount-owed': 700,
        'days-in-arrears': 40,
        'reminder-sent': true,
        'signal-source': 'housing',
      },
    });
    await driver.complete('gemeente.medewerker', opened.case.id, 'matching', 'triaged', {
      crisis: false,
    });
    const task = await driver.task('gemeente.medewerker', opened.case.id, 'outreach');
    const detail = await driver.get('gemeente.medewerker', `/tasks/${task.id}`);
    expect(detail.status).toBe(200);
    const channel = (detail.body.step.form as { field: string; values?: unknown }[]).find(
      (field) => field.field === 'contact-channel',
    );
    expect(channel?.values).toEqual([
      { id: 'letter', label: 'Brief' },
      { id: 'phone', label: 'Telefoon' },
      { id: 'home-visit', label: 'Huisbezoek' },
      { id: 'partner-visit', label: 'Bezoek samen met een partner' },
    ]);
    // The id is what is stored and checked; a label is not a value.
    await driver.post('gemeente.medewerker', `/tasks/${task.id}/claim`);
    const byLabel = await driver.post('gemeente.medewerker', `/tasks/${task.id}/complete`, {
      outcome: 'reached',
      data: { 'contact-channel': 'Brief' },
    });
    expect(byLabel.status).toBe(422);
    expect(JSON.stringify(byLabel.body)).toContain('contact-channel');
  });

  it('opens only the inclusive branches whose condition holds; the join waits for exactly those', async () => {
    const caseId = await debtCaseAtStabilisation();
    const split = await driver.complete(
      'kredietbank.medewerker',
      caseId,
      'stabilisation',
      'stable',
      {
        'income-stable': true,
        'income-administration-needed': false,
      },
    );
    expect(split.opened.map((task) => task.stepId)).toEqual(['creditors']);
    const joined = await driver.complete('kredietbank.medewerker', caseId, 'creditors', 'done', {
      'creditor-agreement': true,
    });
    expect(joined.opened.map((task) => task.stepId)).toEqual(['aftercare']);
  });

  it('returns a handover inside a parallel branch without disturbing the sibling branch', async () => {
    const caseId = await debtCaseAtStabilisation();
    const split = await driver.complete(
      'kredietbank.medewerker',
      caseId,
      'stabilisation',
      'stable',
      {
        'income-stable': true,
      },
    );
    expect(split.opened.map((task) => task.stepId).sort()).toEqual([
      'creditors',
      'income-administration',
    ]);
    const incomeTask = await driver.task('gemeente.medewerker', caseId, 'income-administration');
    await driver.post('gemeente.medewerker', `/tasks/${incomeTask.id}/claim`);

    const creditors = await driver.task('kredietbank.medewerker', caseId, 'creditors');
    await driver.post('kredietbank.medewerker', `/tasks/${creditors.id}/claim`);
    const returned = await driver.post('kredietbank.medewerker', `/tasks/${creditors.id}/return`, {
      reason: 'Overzicht schuldeisers ontbreekt.',
    });
    expect(returned.status).toBe(200);
    expect(returned.body.opened).toEqual([expect.objectContaining({ stepId: 'stabilisation' })]);
    expect(returned.body.closed).toEqual([]);
    // The municipality's income administration task is untouched: still open and still claimed.
    const stillThere = await driver.task('gemeente.medewerker', caseId, 'income-administration');
    expect(stillThere).toMatchObject({ id: incomeTask.id, assigneeId: expect.any(String) });

    // The re-opened step must hand over into its branch again.
    const stabilisation = await driver.task('kredietbank.medewerker', caseId, 'stabilisation');
    await driver.post('kredietbank.medewerker', `/tasks/${stabilisation.id}/claim`);
    const leaving = await driver.post(
      'kredietbank.medewerker',
      `/tasks/${stabilisation.id}/complete`,
      { outcome: 'dropped-out', data: { 'income-stable': false } },
    );
    expect(leaving.status).toBe(422);
    expect(JSON.stringify(leaving.body)).toContain('branch-route-changed');

    const again = await driver.complete(
      'kredietbank.medewerker',
      caseId,
      'stabilisation',
      'stable',
      {
        'income-stable': true,
      },
    );
    expect(again.opened.map((task) => task.stepId)).toEqual(['creditors']);
    const oneBranch = await driver.complete('kredietbank.medewerker', caseId, 'creditors', 'done', {
      'creditor-agreement': true,
    });
    expect(oneBranch.opened).toEqual([]); // the join still waits for income administration
    const joined = await driver.complete(
      'gemeente.medewerker',
      caseId,
      'income-administration',
      'set-up',
      { 'income-administration-start': '2026-12-07' },
    );
    expect(joined.opened.map((task) => task.stepId)).toEqual(['aftercare']);
  });

  it('re-opens only the branch a targeted rework route names', async () => {
    const caseId = await debtCaseAtStabilisation();
    await driver.complete('kredietbank.medewerker', caseId, 'stabilisation', 'stable', {
      'income-stable': true,
    });
    await driver.complete('kredietbank.medewerker', caseId, 'creditors', 'done', {
      'creditor-agreement': false,
    });
    const joined = await driver.complete(
      'gemeente.medewerker',
      caseId,
      'income-administration',
      'set-up',
      { 'income-administration-start': '2026-12-14' },
    );
    // No agreement: only the creditor arrangement runs again; income administration stays done.
    expect(joined.opened).toEqual([
      expect.objectContaining({ stepId: 'creditors', partnerId: 'kredietbank' }),
    ]);
    const end = await driver.complete('kredietbank.medewerker', caseId, 'creditors', 'done', {
      'creditor-agreement': false,
    });
    expect(end.ended).toMatchObject({ endId: 'referred-to-wsnp', result: 'referred' });
  });

  it('runs a joint step: a task per contributor, the lead completes once every contribution is in', async () => {
    const { caseId, opened } = await childCaseAtVoluntaryHelp('KP-RM-JOINT');
    expect(opened.map((task) => `${task.stepId}:${task.partnerId}`).sort()).toEqual([
      'voluntary-help:lokaal-team',
      'voluntary-help:veilig-thuis',
    ]);

    // The lead cannot finish the step while Veilig Thuis's contribution is out.
    const lead = await driver.task('lokaal-team.medewerker', caseId, 'voluntary-help');
    await driver.post('lokaal-team.medewerker', `/tasks/${lead.id}/claim`);
    const early = await driver.post('lokaal-team.medewerker', `/tasks/${lead.id}/complete`, {
      outcome: 'safety-restored',
      data: { 'help-plan': 'Gezinscoach' },
    });
    expect(early.status).toBe(422);
    expect(JSON.stringify(early.body)).toContain('contributions-pending');

    // Veilig Thuis's own task asks for its contribution, not for the lead's work.
    const contribution = await driver.task('veilig-thuis.medewerker', caseId, 'voluntary-help');
    expect(contribution.taskKey).toBe('voluntary-help:1@veilig-thuis');
    const detail = await driver.get('veilig-thuis.medewerker', `/tasks/${contribution.id}`);
    expect(detail.body.step).toMatchObject({
      id: 'voluntary-help',
      contributor: 'veilig-thuis',
      outcomes: [{ id: 'contributed', label: 'Bijdrage geleverd' }],
      form: [expect.objectContaining({ field: 'safety-agreements', required: true })],
      handsOver: [],
    });
    const contributed = await driver.complete(
      'veilig-thuis.medewerker',
      caseId,
      'voluntary-help',
      'contributed',
      { 'safety-agreements': 'Dagelijks contact met school.' },
    );
    expect(contributed.opened).toEqual([]);

    // The lead sees the contribution and now completes the step for both.
    const leadDetail = await driver.get('lokaal-team.medewerker', `/tasks/${lead.id}`);
    expect(leadDetail.body.case.data['safety-agreements']).toBe('Dagelijks contact met school.');
    const end = await driver.post('lokaal-team.medewerker', `/tasks/${lead.id}/complete`, {
      outcome: 'safety-restored',
      data: { 'help-plan': 'Gezinscoach' },
    });
    expect(end.status).toBe(200);
    expect(end.body.ended).toMatchObject({ endId: 'solved-voluntary' });
  });

  it('lets the regisseur skip a contribution so the lead can finish', async () => {
    const { caseId } = await childCaseAtVoluntaryHelp('KP-RM-JOINT-SKIP');
    const skipped = await driver.post(
      'regisseur',
      `/cases/${caseId}/tasks/${encodeURIComponent('voluntary-help:1@veilig-thuis')}/skip`,
      { reason: 'Veiligheid al geborgd via het lokale team.' },
    );
    expect(skipped.status).toBe(200);
    expect(skipped.body.opened).toEqual([]);
    const end = await driver.complete(
      'lokaal-team.medewerker',
      caseId,
      'voluntary-help',
      'safety-restored',
      { 'help-plan': 'Gezinscoach' },
    );
    expect(end.ended).toMatchObject({ endId: 'solved-voluntary' });
  });
});
