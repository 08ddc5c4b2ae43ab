import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { CaseDriver } from './support/case-driver';
import { debtIntake } from './support/debt-intake';
import { eventually } from './support/eventually';
import type { TestStack } from './support/test-stack';
import { startTimeSkippingStack, type TimeSkippingStack } from './support/time-skipping';

const DAY = 24 * 3600 * 1000;

type TimelineEntry = { type: string; taskKey: string | null; details: Record<string, unknown> };

describe('norm clocks, the escalation ladder and the regisseur (time-skipping Temporal test server)', () => {
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

  const timeline = async (caseId: string): Promise<TimelineEntry[]> =>
    (await driver.get('regisseur', `/cases/${caseId}/timeline`)).body as TimelineEntry[];
  const types = async (caseId: string) => (await timeline(caseId)).map((entry) => entry.type);
  const task = async (caseId: string, taskKey: string) =>
    (
      (await driver.get('regisseur', `/cases/${caseId}`)).body.tasks as {
        taskKey: string;
        dueAt: string;
        escalationAt: string;
        status: string;
        partnerId: string;
      }[]
    ).find((candidate) => candidate.taskKey === taskKey);
  const escalations = async (caseId: string) =>
    (
      (await driver.get('regisseur', '/escalations?status=open&limit=200')).body.items as {
        id: string;
        caseId: string;
        level: number;
        trigger: string;
      }[]
    ).filter((escalation) => escalation.caseId === caseId);

  it('warns, marks overdue with a reminder, escalates at the threshold and climbs the ladder', async () => {
    const { case: opened } = await driver.open(
      'woningcorporatie.medewerker',
      debtIntake('KP-ESC-0001'),
    );
    const caseId = opened.id;

    // Three working days from whatever weekday CI runs on, Christmas included: at most eight days.
    await env.sleep(8 * DAY);
    await eventually(async () =>
      expect(await types(caseId)).toEqual(expect.arrayContaining(['task.warning', 'task.overdue'])),
    );

    await env.sleep(5 * DAY);
    const raised = await eventually(async () => {
      const open = await escalations(caseId);
      expect(open).toEqual([expect.objectContaining({ level: 1, trigger: 'norm-breached' })]);
      return open[0];
    });
    const order = (await types(caseId)).filter(
      (type) =>
        type.startsWith('task.warning') ||
        type.startsWith('task.overdue') ||
        type.startsWith('escalation'),
    );
    expect(order).toEqual(['task.warning', 'task.overdue', 'escalation.raised']);

    await env.sleep(10 * DAY);
    await eventually(async () =>
      expect(await escalations(caseId)).toEqual([
        expect.objectContaining({ id: raised.id, level: 2 }),
      ]),
    );

    // The holding organisation was reminded and the regisseur told, through the notification queue.
    await eventually(async () => {
      const inbox = await driver.get('gemeente.medewerker', '/notifications?limit=100');
      expect(
        inbox.body.items.map((n: { kind: string; caseId: string }) => `${n.kind}:${n.caseId}`),
      ).toEqual(expect.arrayContaining([`task.due-soon:${caseId}`, `task.overdue:${caseId}`]));
      const regisseur = await driver.get('regisseur', '/notifications?limit=100');
      expect(
        regisseur.body.items.map((n: { kind: string; caseId: string }) => `${n.kind}:${n.caseId}`),
      ).toEqual(
        expect.arrayContaining([`escalation.raised:${caseId}`, `escalation.level-up:${caseId}`]),
      );
    });

    const detail = await driver.get('regisseur', `/escalations/${encodeURIComponent(raised.id)}`);
    expect(detail.status).toBe(200);
    expect(detail.body.case).not.toHaveProperty('data');
    expect(detail.body.tasks).toEqual([
      expect.objectContaining({ taskKey: 'matching:1', status: 'open' }),
    ]);

    const down = await driver.post(
      'regisseur',
      `/escalations/${encodeURIComponent(raised.id)}/de-escalate`,
      { reason: 'Gemeente heeft capaciteit toegezegd.' },
    );
    expect(down.status).toBe(200);
    expect(await escalations(caseId)).toEqual([expect.objectContaining({ level: 1 })]);
    const resolved = await driver.post(
      'regisseur',
      `/escalations/${encodeURIComponent(raised.id)}/resolve`,
      { reason: 'Afspraak gemaakt met teamleider.' },
    );
    expect(resolved.status).toBe(200);
    const again = await driver.post(
      'regisseur',
      `/escalations/${encodeURIComponent(raised.id)}/resolve`,
      { reason: 'Nogmaals.' },
    );
    expect(again.status).toBe(409);
    const history = await driver.get('regisseur', '/escalations?status=resolved&limit=200');
    expect(history.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: raised.id, resolution: 'Afspraak gemaakt met teamleider.' }),
      ]),
    );
  });

  it('moves due dates and the escalation threshold on an extension, and refuses one in the past', async () => {
    const { case: opened } = await driver.open('gemeente.medewerker', {
      chainId: 'wmo-maatwerk',
      category: 'wmo-notification',
      clientQuestion: 'Woningaanpassing nodig.',
      clientReference: 'KP-ESC-WMO1',
      data: {
        'client-name': 'B. Mulder',
        'contact-address': 'Esdoornlaan 8',
        'support-question': 'Traplift',
        'notification-date': '2026-11-20',
        'wants-personal-plan': false,
      },
    });
    const caseId = opened.id;
    await driver.complete('gemeente.medewerker', caseId, 'assessment', 'custom-support', {
      'assessment-report': 'Traplift nodig.',
    });
    await driver.complete('gemeente.medewerker', caseId, 'application', 'signed', {
      'application-date': '2026-11-27',
    });
    const before = await task(caseId, 'decision:1');
    const newDue = new Date(Date.parse(before!.dueAt) + 14 * DAY).toISOString();

    const past = await driver.post('regisseur', `/cases/${caseId}/tasks/decision:1/extend`, {
      dueAt: '2020-01-01T00:00:00Z',
      reason: 'Advies nodig.',
    });
    expect(past.status).toBe(422);
    expect(past.body.errors).toEqual([
      expect.objectContaining({ field: 'dueAt', code: 'not-later' }),
    ]);
    const tooLong = await driver.post('regisseur', `/cases/${caseId}/tasks/decision:1/extend`, {
      dueAt: new Date(Date.parse(before!.dueAt) + 90 * DAY).toISOString(),
      reason: 'Te lang.',
    });
    expect(tooLong.status).toBe(422);
    const notExtendable = await driver.post(
      'regisseur',
      `/cases/${caseId}/tasks/application:1/extend`,
      { dueAt: newDue, reason: 'Te laat aangevraagd.' },
    );
    expect(notExtendable.status).toBe(409); // the application task is no longer open

    const extended = await driver.post('regisseur', `/cases/${caseId}/tasks/decision:1/extend`, {
      dueAt: newDue,
      reason: 'Awb 4:14: advies van de GGD nodig.',
    });
    expect(extended.status).toBe(200);
    const after = await task(caseId, 'decision:1');
    expect(after!.dueAt).toBe(newDue);
    expect(Date.parse(after!.escalationAt) - Date.parse(before!.escalationAt)).toBe(
      Date.parse(newDue) - Date.parse(before!.dueAt),
    );
    const entry = (await timeline(caseId)).find((e) => e.type === 'task.extended');
    expect(entry?.details).toMatchObject({
      dueAt: newDue,
      reason: 'Awb 4:14: advies van de GGD nodig.',
    });
  });

  it('suspends and resumes a clock, moving the due date by the paused working days', async () => {
    const { case: opened } = await driver.open(
      'woningcorporatie.medewerker',
      debtIntake('KP-ESC-SUSP'),
    );
    const caseId = opened.id;
    const refused = await driver.post('regisseur', `/cases/${caseId}/tasks/matching:1/suspend`, {
      waitingFor: 'client',
      reason: 'x wacht',
    });
    expect(refused.status).toBe(422); // matching's norm is not suspendable
    await driver.complete('gemeente.medewerker', caseId, 'matching', 'triaged', { crisis: false });
    const before = await task(caseId, 'outreach:1');

    const notSuspended = await driver.post(
      'regisseur',
      `/cases/${caseId}/tasks/outreach:1/resume`,
      { reason: 'Terug.' },
    );
    expect(notSuspended.status).toBe(409);
    expect(
      (
        await driver.post('regisseur', `/cases/${caseId}/tasks/outreach:1/suspend`, {
          waitingFor: 'client',
          reason: 'Cliënt in het buitenland.',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await driver.post('regisseur', `/cases/${caseId}/tasks/outreach:1/suspend`, {
          waitingFor: 'client',
          reason: 'Nog eens.',
        })
      ).status,
    ).toBe(409);
    await env.sleep(7 * DAY);
    expect(
      (
        await driver.post('regisseur', `/cases/${caseId}/tasks/outreach:1/resume`, {
          reason: 'Cliënt terug.',
        })
      ).status,
    ).toBe(200);

    const after = await task(caseId, 'outreach:1');
    const movedDays = (Date.parse(after!.dueAt) - Date.parse(before!.dueAt)) / DAY;
    // A calendar week paused holds at least four whole working days (the exact count is unit-tested).
    expect(movedDays).toBeGreaterThanOrEqual(4);
    const row = (await driver.get('regisseur', `/cases/${caseId}`)).body.tasks.find(
      (t: { taskKey: string }) => t.taskKey === 'outreach:1',
    );
    expect(row).toMatchObject({ status: 'open', suspendedSince: null });
    // The paused week, plus the moments the test itself took between its requests.
    expect(row.suspendedMs).toBeGreaterThanOrEqual(7 * DAY);
    expect(row.suspendedMs).toBeLessThan(7 * DAY + 60_000);
    expect(
      (await types(caseId)).filter((t) => t === 'task.suspended' || t === 'task.resumed'),
    ).toEqual(['task.suspended', 'task.resumed']);
  });

  it('carries out every other regisseur action, and refuses what the model does not allow', async () => {
    const { case: opened } = await driver.open(
      'woningcorporatie.medewerker',
      debtIntake('KP-ESC-ACT'),
    );
    const caseId = opened.id;
    const path = (suffix: string) => `/cases/${caseId}${suffix}`;

    expect(
      (
        await driver.post('gemeente.medewerker', path('/tasks/matching:1/remind'), {
          reason: 'Graag oppakken.',
        })
      ).status,
    ).toBe(403);
    const noPartner = await driver.post('regisseur', path('/tasks/matching:1/reassign'), {
      partnerId: 'kredietbank',
      reason: 'Capaciteit.',
    });
    expect(noPartner.status).toBe(422);
    expect(noPartner.body.message).toContain("may be held by gemeente, not 'kredietbank'");
    const colleague = (await driver.get('gemeente.medewerker', '/users/colleagues')).body.find(
      (u: { username: string }) => u.username === 'gemeente.collega',
    );
    expect(
      (
        await driver.post('regisseur', path('/tasks/matching:1/reassign'), {
          assigneeId: colleague.id,
          reason: 'Collega heeft ruimte.',
        })
      ).status,
    ).toBe(200);
    expect((await driver.task('gemeente.collega', caseId, 'matching')).assigneeId).toBe(
      colleague.id,
    );

    expect(
      (
        await driver.post('regisseur', path('/tasks/matching:1/remind'), {
          reason: 'Termijn nadert.',
        })
      ).status,
    ).toBe(200);
    await eventually(async () => {
      const inbox = await driver.get('gemeente.collega', '/notifications?limit=100');
      expect(
        inbox.body.items.map((n: { kind: string; caseId: string }) => `${n.kind}:${n.caseId}`),
      ).toContain(`task.reminder:${caseId}`);
    });

    const skipped = await driver.post('regisseur', path('/tasks/matching:1/skip'), {
      reason: 'Matching al gedaan in vorig traject.',
    });
    expect(skipped.status).toBe(200);
    expect(skipped.body.opened).toEqual([expect.objectContaining({ stepId: 'outreach' })]);
    const reassigned = await driver.post('regisseur', path('/tasks/outreach:1/reassign'), {
      partnerId: 'maatschappelijk-werk',
      reason: 'Maatschappelijk werk kent de cliënt.',
    });
    expect(reassigned.status).toBe(200);
    await driver.task('maatschappelijk-werk.medewerker', caseId, 'outreach');
    expect((await driver.get('maatschappelijk-werk.medewerker', `/cases/${caseId}`)).status).toBe(
      200,
    );

    const reopened = await driver.post('regisseur', path('/steps/matching/reopen'), {
      reason: 'Crisissignaal gemist.',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.opened).toEqual([expect.objectContaining({ stepId: 'matching' })]);
    expect(reopened.body.closed).toEqual(['outreach:1']);

    expect(
      (
        await driver.post('regisseur', path('/agreements'), {
          reason: 'Partners spreken af: gemeente pakt dit binnen 2 dagen op.',
        })
      ).status,
    ).toBe(200);
    const unknownEnd = await driver.post('regisseur', path('/close'), {
      endId: 'vanished',
      reason: 'Weg.',
    });
    expect(unknownEnd.status).toBe(422);
    expect(unknownEnd.body.errors[0]).toMatchObject({ field: 'endId', code: 'unknown-end' });
    const missingReason = await driver.post('regisseur', path('/close'), {
      endId: 'help-declined',
    });
    expect(missingReason.status).toBe(400);
    const closed = await driver.post('regisseur', path('/close'), {
      endId: 'help-declined',
      reason: 'Cliënt wil geen hulp meer.',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      ended: { endId: 'help-declined', result: 'droppedOut' },
    });

    const story = await types(caseId);
    for (const type of [
      'task.reassigned',
      'task.reminded',
      'task.skipped',
      'task.reopened',
      'agreement.recorded',
      'case.closed',
    ]) {
      expect(story).toContain(type);
    }
    // Each action is also in the audit log (as are the reads of the case), that a reason was
    // given, never its text (issue 12: free text is for its audience only).
    const audit = await driver.get('admin', `/audit-log?caseId=${caseId}&limit=200`);
    const lines = audit.body.items as {
      route: string;
      method: string;
      reasonGiven: boolean;
      statusCode: number;
    }[];
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          method: 'POST',
          route: '/cases/:caseId/close',
          reasonGiven: true,
          statusCode: 200,
        }),
        expect.objectContaining({ route: '/cases/:caseId/close', statusCode: 422 }),
        expect.objectContaining({
          method: 'GET',
          route: '/cases/:caseId/timeline',
          statusCode: 200,
        }),
      ]),
    );
    expect(audit.text).not.toContain('Cliënt wil geen hulp meer.');
    expect((await driver.get('regisseur', '/audit-log')).status).toBe(403);

    const afterClose = await driver.post('regisseur', path('/tasks/matching:2/remind'), {
      reason: 'Te laat.',
    });
    expect(afterClose.status).toBe(409);
  });
});
