import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { addCalendarDays, dueFromDate, HolidayCalendar, toAmsterdamDate } from '@schakel/calendar';
import { CaseDriver } from './support/case-driver';
import { eventually } from './support/eventually';
import { recordHistory } from './support/histories';
import { publishModel } from './support/publish-model';
import { KpiRollupRepository } from '@schakel/database';
import type { TestStack } from './support/test-stack';
import { startTimeSkippingStack, type TimeSkippingStack } from './support/time-skipping';

const DAY = 24 * 3600 * 1000;
const calendar = new HolidayCalendar();
const iso = (epoch: number) => new Date(epoch).toISOString();

/**
 * Aftercare for ex-prisoners (issue 15), cut down to what dates in the case need: the municipality
 * plans the release and records its date while social work prepares the handover, due 10 working
 * days before that date; the case as a whole runs 4 weeks after the release.
 */
const AFTERCARE = `
schemaVersion: 1
chain:
  id: nazorg-e2e
  name: Nazorg ex-gedetineerden (test)
  purpose: Een sluitende aanpak rond de vrijlating.
partners:
  - { id: gemeente, name: Gemeente Middenstad, roles: [municipality] }
  - { id: maatschappelijk-werk, name: Maatschappelijk werk Middenstad, roles: [social-work] }
fields:
  - { id: client-name, label: Naam, type: string, personal: true }
  - { id: release-date, label: Datum detentie-einde, type: date }
intake:
  categories:
    - { id: release, name: Vrijlating, intensity: coordinate }
  form:
    - { field: client-name, required: true }
    - { field: release-date, required: false }
steps:
  - id: release-planning
    name: Planning vrijlating
    partner: gemeente
    instructions: Leg de datum van vrijlating vast zodra die bekend is.
    outcomes: [{ id: planned, label: Gepland }]
    form: [{ field: release-date, required: false }]
    sees: [client-name]
    handsOver: []
  - id: release-handover
    name: Warme overdracht
    partner: maatschappelijk-werk
    instructions: Draag de begeleiding over vóór de vrijlating.
    outcomes: [{ id: handed-over, label: Overgedragen }]
    form: []
    sees: [client-name, release-date]
    handsOver: []
    norm:
      target: { amount: 10, unit: workingDays }
      escalation: { amount: 5, unit: workingDays }
      anchor: { field: release-date, direction: before }
gateways:
  - { id: split, type: parallelSplit, join: join }
  - { id: join, type: parallelJoin }
routes:
  - { from: start, to: split }
  - { from: split, to: release-planning }
  - { from: split, to: release-handover }
  - { from: release-planning, to: join }
  - { from: release-handover, to: join }
  - { from: join, to: done }
ends:
  - { id: done, name: Nazorg gestart, result: solved }
caseNorm:
  target: { amount: 4, unit: weeks }
  escalation: { amount: 6, unit: weeks }
  anchor: { field: release-date, direction: after }
  suspendable: true
  extendable: true
escalation:
  ladder:
    - { level: 1, name: Operationeel, owner: regisseur, timeBox: { amount: 5, unit: workingDays } }
    - { level: 2, name: Tactisch, owner: team-leads, timeBox: { amount: 10, unit: workingDays } }
`;

interface CaseNorm {
  state: string;
  dueAt: string | null;
  escalationAt: string | null;
  suspendedSince: string | null;
  extended: boolean;
}
interface CaseTask {
  taskKey: string;
  stepId: string;
  status: string;
  dueAt: string | null;
  escalationAt: string | null;
}
type TimelineEntry = { type: string; taskKey: string | null; details: Record<string, unknown> };

/** Deadlines from dates in the case and the case norm, over HTTP (docs/reference-model.md). */
describe('dates in the case and the case norm (time-skipping Temporal test server)', () => {
  let env: TestWorkflowEnvironment;
  let stack: TestStack;
  let driver: CaseDriver;
  let reference = 0;

  let running: TimeSkippingStack | undefined;

  beforeAll(async () => {
    running = await startTimeSkippingStack({ KPI_MIN_GROUP_SIZE: '1' });
    ({ env, stack } = running);
    driver = new CaseDriver(stack);
    await publishModel(stack, 'nazorg-e2e', AFTERCARE);
  });
  afterAll(() => running?.close());

  const today = () => toAmsterdamDate(Date.now());
  const open = async (releaseDate?: string) =>
    (
      await driver.open('gemeente.medewerker', {
        chainId: 'nazorg-e2e',
        category: 'release',
        clientQuestion: 'Vrijlating voorbereiden.',
        clientReference: `KP-DATES-${++reference}`,
        data: {
          'client-name': 'P. de Groot',
          ...(releaseDate ? { 'release-date': releaseDate } : {}),
        },
      })
    ).case.id;
  const view = async (caseId: string) =>
    (await driver.get('regisseur', `/cases/${caseId}`)).body as {
      norm: CaseNorm;
      tasks: CaseTask[];
    };
  const handover = async (caseId: string) =>
    (await view(caseId)).tasks.find(
      (task) => task.stepId === 'release-handover' && task.status === 'open',
    );
  const timeline = async (caseId: string) =>
    (await driver.get('regisseur', `/cases/${caseId}/timeline`)).body as TimelineEntry[];
  /** The due instants 10 and 5 working days before a release, and 4 and 6 weeks after it. */
  const expected = (release: string) => ({
    handover: iso(
      dueFromDate(release, { amount: 10, unit: 'workingDays', atw: false }, 'before', calendar),
    ),
    handoverEscalation: iso(
      dueFromDate(release, { amount: 5, unit: 'workingDays', atw: false }, 'before', calendar),
    ),
    case: iso(
      dueFromDate(release, { amount: 28, unit: 'calendarDays', atw: false }, 'after', calendar),
    ),
  });

  it('gives no due date until the release date is known, then counts back from it and moves with it', async () => {
    const caseId = await open();
    expect((await view(caseId)).norm).toMatchObject({ state: 'awaiting-date', dueAt: null });
    expect(await handover(caseId)).toMatchObject({ dueAt: null, escalationAt: null });
    const task = await driver.task('maatschappelijk-werk.medewerker', caseId, 'release-handover');
    const detail = await driver.get('maatschappelijk-werk.medewerker', `/tasks/${task.id}`);
    expect(detail.body.step.dueFrom).toEqual({
      field: 'release-date',
      label: 'Datum detentie-einde',
      direction: 'before',
    });

    const release = addCalendarDays(today(), 60);
    await driver.complete('gemeente.medewerker', caseId, 'release-planning', 'planned', {
      'release-date': release,
    });
    const first = expected(release);
    expect(await handover(caseId)).toMatchObject({
      dueAt: first.handover,
      escalationAt: first.handoverEscalation,
    });
    expect((await view(caseId)).norm).toMatchObject({ state: 'running', dueAt: first.case });

    // The release moves a week: the regisseur reopens the planning and the new date is recorded.
    await driver.expectOk(
      await driver.post('regisseur', `/cases/${caseId}/steps/release-planning/reopen`, {
        reason: 'Vrijlating verschoven door de rechtbank.',
      }),
    );
    const later = addCalendarDays(release, 7);
    await driver.complete('gemeente.medewerker', caseId, 'release-planning', 'planned', {
      'release-date': later,
    });
    const second = expected(later);
    expect(await handover(caseId)).toMatchObject({ dueAt: second.handover });
    expect((await view(caseId)).norm).toMatchObject({ state: 'running', dueAt: second.case });
    const moves = (await timeline(caseId)).filter((entry) => entry.type.endsWith('.due-moved'));
    expect(moves.map((entry) => [entry.type, entry.details])).toEqual([
      ['task.due-moved', { dueAt: first.handover, previousDueAt: null, field: 'release-date' }],
      ['case.due-moved', { dueAt: first.case, previousDueAt: null, field: 'release-date' }],
      [
        'task.due-moved',
        { dueAt: second.handover, previousDueAt: first.handover, field: 'release-date' },
      ],
      ['case.due-moved', { dueAt: second.case, previousDueAt: first.case, field: 'release-date' }],
    ]);

    // The handover is made in time: the case ends within its norm.
    await driver.complete(
      'maatschappelijk-werk.medewerker',
      caseId,
      'release-handover',
      'handed-over',
    );
    expect((await view(caseId)).norm).toMatchObject({ state: 'met' });
  });

  it('lets the regisseur suspend, resume and extend the case norm, and refuses what it may not', async () => {
    const caseId = await open(addCalendarDays(today(), 30));
    const path = (action: string) => `/cases/${caseId}/${action}`;
    expect(
      (
        await driver.post('gemeente.medewerker', path('suspend'), {
          waitingFor: 'client',
          reason: 'Wacht.',
        })
      ).status,
    ).toBe(403);
    await driver.expectOk(
      await driver.post('regisseur', path('suspend'), {
        waitingFor: 'client',
        reason: 'Cliënt in kliniek.',
      }),
    );
    expect(
      (
        await driver.post('regisseur', path('suspend'), {
          waitingFor: 'client',
          reason: 'Nogmaals.',
        })
      ).status,
    ).toBe(409);
    expect((await view(caseId)).norm).toMatchObject({ state: 'suspended' });
    await driver.expectOk(
      await driver.post('regisseur', path('resume'), { reason: 'Weer thuis.' }),
    );
    const { norm } = await view(caseId);
    const earlier = await driver.post('regisseur', path('extend'), {
      dueAt: iso(Date.parse(norm.dueAt as string) - DAY),
      reason: 'Te vroeg.',
    });
    expect(earlier.status).toBe(422);
    expect(earlier.body.errors).toEqual([expect.objectContaining({ field: 'dueAt' })]);
    const extendedTo = iso(Date.parse(norm.dueAt as string) + 14 * DAY);
    await driver.expectOk(
      await driver.post('regisseur', path('extend'), {
        dueAt: extendedTo,
        reason: 'Afspraak met de partners.',
      }),
    );
    expect((await view(caseId)).norm).toMatchObject({
      state: 'extended',
      extended: true,
      dueAt: extendedTo,
    });
    expect((await timeline(caseId)).map((entry) => entry.type)).toEqual(
      expect.arrayContaining(['case.suspended', 'case.resumed', 'case.extended']),
    );
  });

  it('is overdue at once for a date already too close, then warns, breaches and escalates the case norm (case-overdue)', async () => {
    const release = addCalendarDays(today(), 1);
    const caseId = await open(release);
    // Ten working days before tomorrow lie in the past: overdue at once, with no warning before it.
    await eventually(async () => {
      const types = (await timeline(caseId)).filter(
        (entry) => entry.taskKey === 'release-handover:1',
      );
      expect(types.map((entry) => entry.type)).toEqual(
        expect.arrayContaining(['task.overdue', 'escalation.raised']),
      );
      expect(types.map((entry) => entry.type)).not.toContain('task.warning');
    });

    await env.sleep(45 * DAY);
    const caseEscalation = await eventually(async () => {
      const open = (await driver.get('regisseur', '/escalations?status=open&limit=200')).body
        .items as {
        id: string;
        caseId: string;
        trigger: string;
        taskKey: string | null;
      }[];
      const mine = open.filter(
        (escalation) => escalation.caseId === caseId && escalation.trigger === 'case-overdue',
      );
      expect(mine).toEqual([expect.objectContaining({ taskKey: null })]);
      return mine[0];
    });
    expect(
      (await timeline(caseId)).filter((entry) => entry.taskKey === null).map((entry) => entry.type),
    ).toEqual(expect.arrayContaining(['case.warning', 'case.overdue', 'escalation.raised']));
    expect((await view(caseId)).norm).toMatchObject({
      state: 'overdue',
      dueAt: expected(release).case,
    });
    await eventually(async () => {
      const inbox = await driver.get('regisseur', '/notifications?limit=100');
      expect(
        (inbox.body.items as { kind: string; caseId: string }[])
          .filter((notification) => notification.caseId === caseId)
          .map((notification) => notification.kind),
      ).toEqual(expect.arrayContaining(['case.due-soon', 'case.overdue']));
    });
    const detail = await driver.get(
      'regisseur',
      `/escalations/${encodeURIComponent(caseEscalation.id)}`,
    );
    expect(detail.status).toBe(200);

    await driver.complete('gemeente.medewerker', caseId, 'release-planning', 'planned');
    await driver.complete(
      'maatschappelijk-werk.medewerker',
      caseId,
      'release-handover',
      'handed-over',
    );
    expect((await view(caseId)).norm).toMatchObject({ state: 'missed' });

    // Two ended cases ran against the norm (one within it) at the intake's intensity; case facts
    // follow the transitions off their path (the KPI rollup): settle them first.
    await stack.api.get(KpiRollupRepository).drain();
    const to = addCalendarDays(today(), 120);
    const kpis = await driver.get(
      'operations',
      `/kpis/case-norm?chainId=nazorg-e2e&from=${today()}&to=${to}`,
    );
    expect(kpis.status).toBe(200);
    expect(kpis.body.rows).toEqual([
      expect.objectContaining({
        chainId: 'nazorg-e2e',
        intensity: 'coordinate',
        cases: 2,
        within: 1,
        share: 0.5,
      }),
    ]);
    expect((await driver.get('gemeente.medewerker', '/kpis/case-norm')).status).toBe(403);
    await recordHistory(stack, caseId, 'nazorg-case-norm-and-dates');
  });

  it("counts the child-protection institution's first contact from the court's decision date", async () => {
    const opened = await driver.open('veilig-thuis.medewerker', {
      chainId: 'huiselijk-geweld-jeugdbescherming',
      category: 'structural-unsafe',
      clientQuestion: 'Zorgen over de veiligheid thuis.',
      clientReference: `KP-DATES-${++reference}`,
      data: {
        'child-name': 'S. Visser',
        'child-birth-date': '2016-05-04',
        'parent-names': 'M. en R. Visser',
        address: 'Kade 9',
        'reporter-type': 'school',
        'report-summary': 'Signalen van school.',
      },
    });
    const caseId = opened.case.id;
    await driver.complete('veilig-thuis.medewerker', caseId, 'safety-assessment', 'investigate', {
      'safety-level': 'structural',
      'assessment-notes': 'Onderzoek nodig.',
    });
    await driver.complete('veilig-thuis.medewerker', caseId, 'investigation', 'concluded', {
      'investigation-conclusion': 'Ouders werken niet mee.',
      'parents-cooperate': false,
    });
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
    // The decision was given two days before the court recorded it in Schakel.
    const decided = addCalendarDays(toAmsterdamDate(Date.now()), -2);
    await driver.complete('rechtbank.medewerker', caseId, 'court-decision', 'measure-imposed', {
      'court-decision-date': decided,
      'measure-imposed': 'supervision-order',
    });
    const task = (await view(caseId)).tasks.find(
      (candidate) => candidate.stepId === 'first-contact',
    );
    expect(task?.dueAt).toBe(
      iso(dueFromDate(decided, { amount: 5, unit: 'workingDays', atw: false }, 'after', calendar)),
    );
  });
});
