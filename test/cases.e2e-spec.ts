import { CaseDriver } from './support/case-driver';
import { recordHistory } from './support/histories';
import { startTestStack, type TestStack } from './support/test-stack';

const debtIntake = {
  chainId: 'vroegsignalering-schuldhulp',
  category: 'arrears-signal',
  clientQuestion: 'Huurachterstand van drie maanden; wil weer grip op de financiën.',
  clientReference: 'KP-VS-0001',
  data: {
    'client-name': 'J. de Vries',
    'contact-address': 'Dorpsstraat 1, Middenstad',
    'amount-owed': 1850,
    'days-in-arrears': 64,
    'reminder-sent': true,
    'signal-source': 'housing',
  },
};

describe('cases as workflows, driven through the HTTP API', () => {
  let stack: TestStack;
  let driver: CaseDriver;
  beforeAll(async () => {
    stack = await startTestStack();
    driver = new CaseDriver(stack);
  });
  afterAll(() => stack.close());

  it('runs the debt chain end to end: rework loop, return, conditional route, parallel split and join', async () => {
    const opened = await driver.open('woningcorporatie.medewerker', debtIntake);
    const caseId = opened.case.id;
    expect(opened.transition.opened.map((task) => task.stepId)).toEqual(['matching']);

    await driver.complete('gemeente.medewerker', caseId, 'matching', 'triaged', { crisis: false });
    // Not reached the first time: the bounded rework loop opens outreach again.
    const retry = await driver.complete('gemeente.medewerker', caseId, 'outreach', 'not-reached', {
      'contact-channel': 'letter',
    });
    expect(retry.opened).toEqual([
      expect.objectContaining({ stepId: 'outreach', partnerId: 'gemeente' }),
    ]);
    await driver.complete('gemeente.medewerker', caseId, 'outreach', 'reached', {
      'contact-channel': 'home-visit',
    });

    // The debt-help provider returns the handover: outreach opens again at the municipality.
    const conversation = await driver.task('kredietbank.medewerker', caseId, 'first-conversation');
    const returned = await driver.post(
      'kredietbank.medewerker',
      `/tasks/${conversation.id}/return`,
      {
        reason: 'Telefoonnummer ontbreekt; graag aanvullen.',
      },
    );
    expect(returned.status).toBe(200);
    expect(returned.body.opened).toEqual([expect.objectContaining({ stepId: 'outreach' })]);
    await driver.complete('gemeente.medewerker', caseId, 'outreach', 'reached', {
      'contact-channel': 'phone',
    });

    await driver.complete('kredietbank.medewerker', caseId, 'first-conversation', 'accepted', {
      'help-accepted': true,
    });
    // Conditional route on case data: help accepted, so on to the access decision.
    const feedback = await driver.complete(
      'woningcorporatie.medewerker',
      caseId,
      'feedback',
      'acknowledged',
    );
    expect(feedback.opened.map((task) => task.stepId)).toEqual(['access-decision']);
    await driver.complete('gemeente.medewerker', caseId, 'access-decision', 'granted', {
      'debt-total': 12400,
    });

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
    const firstBranch = await driver.complete(
      'kredietbank.medewerker',
      caseId,
      'creditors',
      'done',
      {
        'creditor-agreement': true,
      },
    );
    expect(firstBranch.opened).toEqual([]); // the join waits for the other branch
    const joined = await driver.complete(
      'gemeente.medewerker',
      caseId,
      'income-administration',
      'set-up',
      {
        'income-administration-start': '2026-12-01',
      },
    );
    expect(joined.opened.map((task) => task.stepId)).toEqual(['aftercare']);
    const end = await driver.complete(
      'maatschappelijk-werk.medewerker',
      caseId,
      'aftercare',
      'completed',
    );
    expect(end).toMatchObject({ status: 'closed', ended: { endId: 'solved', result: 'solved' } });

    const closed = await driver.get('regisseur', `/cases/${caseId}`);
    await recordHistory(stack, caseId, 'vroegsignalering-schuldhulp');
    expect(closed.body).toMatchObject({
      status: 'closed',
      result: 'solved',
      endId: 'solved',
      currentPartners: [],
    });
    const timeline = await driver.get('gemeente.medewerker', `/cases/${caseId}/timeline`);
    const types = (timeline.body as { type: string }[]).map((entry) => entry.type);
    expect(types[0]).toBe('case.opened');
    expect(types.at(-1)).toBe('case.closed');
    expect(types.filter((type) => type === 'task.returned')).toHaveLength(1);
    expect(types.filter((type) => type === 'task.completed')).toHaveLength(11);
  });

  it('runs the Wmo chain along its conditional start to care started', async () => {
    const opened = await driver.open('gemeente.medewerker', {
      chainId: 'wmo-maatwerk',
      category: 'wmo-notification',
      clientQuestion: 'Hulp bij het huishouden na heupoperatie.',
      clientReference: 'KP-WMO-0001',
      data: {
        'client-name': 'A. Jansen',
        'contact-address': 'Kerkplein 4',
        'support-question': 'Huishoudelijke hulp',
        'notification-date': '2026-11-20',
        'wants-personal-plan': false,
      },
    });
    const caseId = opened.case.id;
    expect(opened.transition.opened.map((task) => task.stepId)).toEqual(['assessment']);
    await driver.complete('gemeente.medewerker', caseId, 'assessment', 'custom-support', {
      'assessment-report': 'Tijdelijk 4 uur hulp per week nodig.',
      'support-type': 'household-help',
    });
    await driver.complete('gemeente.medewerker', caseId, 'application', 'signed', {
      'application-date': '2026-11-25',
    });
    await driver.complete('gemeente.medewerker', caseId, 'decision', 'granted', {
      'decision-date': '2026-11-27',
      'support-type': 'household-help',
      'hours-per-week': 4,
    });
    const end = await driver.complete(
      'zorgaanbieder.medewerker',
      caseId,
      'assignment',
      'care-started',
      {
        'care-start-date': '2026-12-01',
      },
    );
    expect(end.ended).toMatchObject({ endId: 'care-started', result: 'solved' });
    await recordHistory(stack, caseId, 'wmo-maatwerk');
  });

  it('runs the child-protection chain through the court to a measure, surviving a worker restart', async () => {
    const opened = await driver.open('veilig-thuis.medewerker', {
      chainId: 'huiselijk-geweld-jeugdbescherming',
      category: 'structural-unsafe',
      clientQuestion: 'Zorgen over de veiligheid van een kind na herhaalde meldingen.',
      clientReference: 'KP-HG-0001',
      data: {
        'child-name': 'S. Bakker',
        'child-birth-date': '2016-04-12',
        'parent-names': 'M. en P. Bakker',
        address: 'Laan 12',
        'reporter-type': 'school',
        'report-summary': 'Herhaalde signalen vanuit school.',
      },
    });
    const caseId = opened.case.id;
    await driver.complete('veilig-thuis.medewerker', caseId, 'safety-assessment', 'investigate', {
      'safety-level': 'structural',
      'assessment-notes': 'Onderzoek nodig.',
    });

    await stack.stopWorker();
    await stack.startWorker();

    const investigation = await driver.complete(
      'veilig-thuis.medewerker',
      caseId,
      'investigation',
      'concluded',
      {
        'investigation-conclusion': 'Ouders werken niet mee.',
        'parents-cooperate': false,
      },
    );
    expect(investigation.opened.map((task) => task.stepId)).toEqual(['board-request']);
    await driver.complete(
      'raad-kinderbescherming.medewerker',
      caseId,
      'board-request',
      'request-to-court',
      {
        'board-advice': 'Ondertoezichtstelling',
        'measure-requested': 'supervision-order',
      },
    );
    await driver.complete('rechtbank.medewerker', caseId, 'court-decision', 'measure-imposed', {
      'court-decision-date': '2026-11-26',
      'measure-imposed': 'supervision-order',
    });
    await driver.complete(
      'gecertificeerde-instelling.medewerker',
      caseId,
      'first-contact',
      'contacted',
      {
        'first-contact-date': '2026-11-27',
      },
    );
    const end = await driver.complete(
      'gecertificeerde-instelling.medewerker',
      caseId,
      'family-plan',
      'plan-agreed',
      {
        'family-plan': 'Plan van aanpak met gezin opgesteld.',
      },
    );
    expect(end.ended).toMatchObject({ endId: 'measure-started', result: 'referred' });
    await recordHistory(stack, caseId, 'huiselijk-geweld-jeugdbescherming');
  });

  it('lets exactly one of two concurrent completes of a task succeed', async () => {
    const { case: opened } = await driver.open('woningcorporatie.medewerker', {
      ...debtIntake,
      clientReference: 'KP-VS-RACE',
    });
    const task = await driver.task('gemeente.medewerker', opened.id, 'matching');
    const attempts = await Promise.all(
      ['gemeente.medewerker', 'gemeente.collega'].map((user) =>
        driver.post(user, `/tasks/${task.id}/complete`, {
          outcome: 'triaged',
          data: { crisis: false },
        }),
      ),
    );
    expect(attempts.map((response) => response.status).sort()).toEqual([200, 409]);
    const timeline = await driver.get('gemeente.medewerker', `/cases/${opened.id}/timeline`);
    expect(
      (timeline.body as { type: string }[]).filter((e) => e.type === 'task.completed'),
    ).toHaveLength(1);
  });

  it('makes intake and complete idempotent with an Idempotency-Key', async () => {
    const first = await driver.open(
      'woningcorporatie.medewerker',
      { ...debtIntake, clientReference: 'KP-VS-IDEM' },
      'intake-42',
    );
    const again = await driver.open(
      'woningcorporatie.medewerker',
      { ...debtIntake, clientReference: 'KP-VS-IDEM' },
      'intake-42',
    );
    expect(again.case.id).toBe(first.case.id);

    const task = await driver.task('gemeente.medewerker', first.case.id, 'matching');
    const body = { outcome: 'triaged', data: { crisis: true } };
    const one = await driver.post(
      'gemeente.medewerker',
      `/tasks/${task.id}/complete`,
      body,
      'complete-1',
    );
    const two = await driver.post(
      'gemeente.medewerker',
      `/tasks/${task.id}/complete`,
      body,
      'complete-1',
    );
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(two.body).toEqual(one.body);
    expect(one.body.opened.map((t: { stepId: string }) => t.stepId)).toEqual([
      'crisis-conversation',
    ]);
  });

  it('refuses what the model or the state does not allow, leaving no trace', async () => {
    const { case: opened } = await driver.open('woningcorporatie.medewerker', {
      ...debtIntake,
      clientReference: 'KP-VS-REFUSE',
    });
    const task = await driver.task('gemeente.medewerker', opened.id, 'matching');
    const before = await driver.get('gemeente.medewerker', `/cases/${opened.id}/timeline`);

    const wrongOutcome = await driver.post('gemeente.medewerker', `/tasks/${task.id}/complete`, {
      outcome: 'approved',
      data: {},
    });
    expect(wrongOutcome.status).toBe(422);
    expect(wrongOutcome.body.message).toContain(
      "offers outcomes triaged, no-action, not 'approved'",
    );
    const missingField = await driver.post('gemeente.medewerker', `/tasks/${task.id}/complete`, {
      outcome: 'triaged',
      data: {},
    });
    expect(missingField.status).toBe(422);
    expect(missingField.body.errors).toEqual([
      expect.objectContaining({ field: 'crisis', code: 'required-missing' }),
    ]);

    await driver
      .post('gemeente.collega', `/tasks/${task.id}/claim`)
      .then((r) => expect(r.status).toBe(200));
    const claimedByColleague = await driver.post(
      'gemeente.medewerker',
      `/tasks/${task.id}/complete`,
      {
        outcome: 'triaged',
        data: { crisis: false },
      },
    );
    expect(claimedByColleague.status).toBe(409);
    expect(claimedByColleague.body.message).toBe(
      `Task ${task.taskKey} is already claimed by a colleague`,
    );

    const badIntake = await driver.post('woningcorporatie.medewerker', '/cases', {
      ...debtIntake,
      clientReference: '111222333',
      data: { ...debtIntake.data, 'amount-owed': 'veel' },
    });
    expect(badIntake.status).toBe(422);
    expect(badIntake.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'clientReference',
      'data.amount-owed',
    ]);

    const after = await driver.get('gemeente.medewerker', `/cases/${opened.id}/timeline`);
    expect(after.body.length).toBe(before.body.length + 1); // only the colleague's claim
  });

  it('shows each organisation only what it needs to know', async () => {
    const { case: opened } = await driver.open('woningcorporatie.medewerker', {
      ...debtIntake,
      clientReference: 'KP-VS-NTK',
    });
    const caseId = opened.id;
    await driver.complete('gemeente.medewerker', caseId, 'matching', 'triaged', { crisis: true });
    const crisisTask = await driver.task('kredietbank.medewerker', caseId, 'crisis-conversation');

    for (const outsider of ['zorgaanbieder.medewerker', 'veilig-thuis.medewerker']) {
      expect((await driver.get(outsider, `/cases/${caseId}`)).status).toBe(404);
      expect((await driver.get(outsider, `/cases/${caseId}/timeline`)).status).toBe(404);
      expect((await driver.get(outsider, `/tasks/${crisisTask.id}`)).status).toBe(404);
      expect((await driver.post(outsider, `/tasks/${crisisTask.id}/claim`)).status).toBe(404);
      const list = await driver.get(outsider, '/cases?limit=200');
      expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
    }

    const detail = await driver.get('kredietbank.medewerker', `/tasks/${crisisTask.id}`);
    expect(detail.status).toBe(200);
    // The crisis conversation may see contact details, the amount and the crisis flag (phone was not given).
    expect(Object.keys(detail.body.case.data).sort()).toEqual([
      'amount-owed',
      'client-name',
      'contact-address',
      'crisis',
    ]);
    expect(detail.body.case.data).not.toHaveProperty('days-in-arrears');
    expect(detail.body.step.outcomes.map((o: { id: string }) => o.id)).toEqual([
      'accepted',
      'declined',
    ]);

    const regisseur = await driver.get('regisseur', `/cases/${caseId}`);
    expect(regisseur.status).toBe(200);
    expect(regisseur.body).not.toHaveProperty('data');
    expect(regisseur.body).not.toHaveProperty('clientQuestion');
    expect(regisseur.body.currentPartners).toEqual(['kredietbank']);
    const regisseurTimeline = await driver.get('regisseur', `/cases/${caseId}/timeline`);
    const completed = regisseurTimeline.body.find(
      (e: { type: string }) => e.type === 'task.completed',
    );
    expect(completed.details).not.toHaveProperty('data');
  });

  it('lets the regisseur cancel a case, closing its open tasks with the reason', async () => {
    const { case: opened } = await driver.open('woningcorporatie.medewerker', {
      ...debtIntake,
      clientReference: 'KP-VS-CANCEL',
    });
    const refused = await driver.post('gemeente.medewerker', `/cases/${opened.id}/cancel`, {
      reason: 'mag niet',
    });
    expect(refused.status).toBe(403);
    const cancelled = await driver.post('regisseur', `/cases/${opened.id}/cancel`, {
      reason: 'Cliënt verhuisd naar andere regio.',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', closed: ['matching:1'] });
    const again = await driver.post('regisseur', `/cases/${opened.id}/cancel`, {
      reason: 'nogmaals',
    });
    expect([404, 409]).toContain(again.status);
    const view = await driver.get('regisseur', `/cases/${opened.id}`);
    expect(view.body.tasks).toEqual([
      expect.objectContaining({ taskKey: 'matching:1', status: 'cancelled' }),
    ]);
  });
});
