import { dueDate, HolidayCalendar } from '@schakel/calendar';
import type { Actor, CaseWorkflowInput, MigrateCaseInput } from '@schakel/contracts';
import type { ReferenceModel } from '@schakel/reference-model/engine';
import { editMapping, generateMapping } from '@schakel/reference-model/migration';
import { exampleModel } from '../../../reference-model/test/example-models';
import {
  DEBT_CHAIN_EDITS,
  debtChainVersion2,
} from '../../../reference-model/test/migration-examples';
import { caseworker, debtCase, refusal, regisseur } from '../../test/case-fixtures';
import { CaseMachine } from './case-machine';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
// Friday 27 November 2026, 10:00 in Amsterdam.
const FRIDAY = Date.parse('2026-11-27T09:00:00Z');

const v1 = exampleModel('vroegsignalering-schuldhulp.yaml');
const v2 = debtChainVersion2(v1);
const gemeente = caseworker('gemeente');
const owner: Actor = { userId: 'u-owner', role: 'model-owner', organisationId: null };

const input: CaseWorkflowInput = { ...debtCase(), caseId: 'c-migrate', notifyFollowsWork: true };

const request = (changes: Partial<MigrateCaseInput> = {}): MigrateCaseInput => ({
  migrationId: 'run-1',
  fromVersion: 1,
  toVersion: 2,
  model: v2,
  mapping: editMapping(generateMapping(v1, v2), DEBT_CHAIN_EDITS),
  actor: owner,
  reason: 'Evaluatie 2026: kortere termijn voor het eerste gesprek',
  ...changes,
});

/** A debt case with its outreach task open (matching done an hour after intake). */
function atOutreach(): { machine: CaseMachine; now: number } {
  const { machine } = CaseMachine.open(input, FRIDAY);
  const now = FRIDAY + HOUR;
  machine.apply(machine.claim({ taskKey: 'matching:1', actor: gemeente }, now));
  machine.apply(
    machine.complete(
      { taskKey: 'matching:1', actor: gemeente, outcome: 'triaged', data: { crisis: false } },
      now,
    ),
  );
  return { machine, now };
}

function atFirstConversation(): { machine: CaseMachine; now: number } {
  const { machine, now } = atOutreach();
  machine.apply(machine.claim({ taskKey: 'outreach:1', actor: gemeente }, now + HOUR));
  machine.apply(
    machine.complete(
      {
        taskKey: 'outreach:1',
        actor: gemeente,
        outcome: 'reached',
        data: { 'contact-channel': 'phone' },
      },
      now + HOUR,
    ),
  );
  return { machine, now: now + DAY };
}

describe('CaseMachine.migrate', () => {
  it("moves the case norm's clock to the new version's norm, from the same intake", () => {
    const withCaseNorm = (model: ReferenceModel, days: number): ReferenceModel => ({
      ...model,
      caseNorm: { target: { amount: days, unit: 'calendarDays' }, startsAt: 'caseOpened' },
    });
    const { machine } = CaseMachine.open(
      { ...input, model: withCaseNorm(v1, 120), enforcesCaseNorm: true },
      FRIDAY,
    );
    const now = FRIDAY + DAY;
    const { transition } = machine.migrate(request({ model: withCaseNorm(v2, 90) }), now);

    const due = dueDate(
      FRIDAY,
      { amount: 90, unit: 'calendarDays', atw: true },
      new HolidayCalendar(),
    );
    expect(transition.projection.caseClock).toMatchObject({ dueAt: new Date(due).toISOString() });
    machine.apply(transition);
    expect(machine.current.caseClocks?.target?.startedAt).toBe(FRIDAY);
  });

  it('recomputes a tightened norm from the same start and tells the partner, on the new version from then on', () => {
    const { machine, now } = atFirstConversation();
    const before = machine.current.clocks['first-conversation:1'];
    const { transition, view } = machine.migrate(request(), now);

    // Three weeks from the case's opening instead of four (the norm starts at the intake), Atw applied.
    const calendar = new HolidayCalendar();
    const due = dueDate(FRIDAY, { amount: 21, unit: 'calendarDays', atw: true }, calendar);
    expect(view).toMatchObject({ outcome: 'migrated', fromVersion: 1, toVersion: 2, problems: [] });
    expect(view.tasks).toEqual([
      {
        taskKey: 'first-conversation:1',
        action: 'kept',
        before: expect.objectContaining({ stepId: 'first-conversation', partnerId: 'kredietbank' }),
        after: {
          stepId: 'first-conversation',
          partnerId: 'kredietbank',
          dueAt: new Date(due).toISOString(),
          escalationAt: expect.any(String),
          suspendedMs: 0,
        },
        clockStartedAt: new Date(before.target?.startedAt as number).toISOString(),
      },
    ]);
    expect(Date.parse(view.tasks[0].before?.dueAt as string)).toBeGreaterThan(due);

    const { projection } = transition;
    expect(transition.runsOn?.modelVersion).toBe(2);
    expect(projection.modelVersion).toBe(2);
    expect(projection.caseChange).toBeDefined();
    expect(projection.events.map((event) => event.type)).toEqual([
      'case.migrated',
      'task.migrated',
    ]);
    expect(projection.events[0].details).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      migrationId: 'run-1',
      reason: request().reason,
      audience: { organisations: ['gemeente', 'kredietbank'], regisseur: true },
    });
    expect(projection.changed).toEqual([
      expect.objectContaining({
        taskKey: 'first-conversation:1',
        stepId: 'first-conversation',
        modelVersion: 2,
        dueAt: new Date(due).toISOString(),
      }),
    ]);
    expect(projection.notifications).toEqual([
      expect.objectContaining({ kind: 'task.migrated', organisationIds: ['kredietbank'] }),
    ]);

    machine.apply(transition);
    expect(machine.runsOn.modelVersion).toBe(2);
    expect(machine.current.migrations).toEqual([
      expect.objectContaining({ migrationId: 'run-1', fromVersion: 1, toVersion: 2 }),
    ]);
  });

  it('hands a renamed step and a step of another partner over, keys and history kept', () => {
    const { machine, now } = atOutreach();
    const { transition, view } = machine.migrate(request(), now + HOUR);
    expect(view.tasks).toEqual([
      expect.objectContaining({
        taskKey: 'outreach:1',
        action: 'moved',
        before: expect.objectContaining({ partnerId: 'gemeente' }),
        after: expect.objectContaining({ partnerId: 'maatschappelijk-werk' }),
      }),
    ]);
    expect(transition.projection.notifications.map((n) => [n.kind, n.organisationIds])).toEqual([
      ['task.migrated', ['maatschappelijk-werk']],
      ['task.cancelled', ['gemeente']],
    ]);
    machine.apply(transition);
    // The renamed step's history is found under its new id: the regisseur can reopen it.
    expect(machine.current.routing.tasks[0]).toMatchObject({
      taskKey: 'matching:1',
      stepId: 'triage',
    });
    const reopened = machine.act(
      { action: 'reopen', stepId: 'triage', actor: regisseur, reason: 'Opnieuw beoordelen' },
      now + 2 * HOUR,
    );
    expect(reopened.result.opened).toEqual([
      { taskKey: 'triage:2', stepId: 'triage', partnerId: 'gemeente' },
    ]);
  });

  it('keeps elapsed and suspended time of a moved clock', () => {
    const { machine, now } = atOutreach();
    machine.apply(
      machine.act(
        {
          action: 'suspend',
          taskKey: 'outreach:1',
          waitingFor: 'client',
          actor: regisseur,
          reason: 'Op vakantie',
        },
        now + HOUR,
      ),
    );
    const later = now + 3 * DAY;
    const { transition, view } = machine.migrate(request(), later);
    const [task] = view.tasks;
    expect(task.after?.suspendedMs).toBe(task.before?.suspendedMs);
    expect(task.after?.suspendedMs).toBeGreaterThan(2 * DAY);
    expect(task.after?.dueAt).toBe(task.before?.dueAt); // same norm, same start, same pause
    machine.apply(transition);
    expect(machine.current.clocks['outreach:1'].target?.suspensions).toEqual([
      expect.objectContaining({ from: now + HOUR }),
    ]);
  });

  it('refuses a case whose claimed work would change hands, and leaves it as it was', () => {
    const { machine, now } = atOutreach();
    machine.apply(machine.claim({ taskKey: 'outreach:1', actor: gemeente }, now));
    const state = JSON.stringify(machine.current);
    const failure = refusal(() => machine.checkMigration(request(), now + HOUR));
    expect(failure.type).toBe('Unprocessable');
    expect(failure.details?.[0]).toEqual([
      expect.objectContaining({ field: '/tasks/outreach:1', code: 'claimed-work' }),
    ]);
    expect(machine.previewMigration(request(), now + HOUR)).toMatchObject({
      outcome: 'refused',
      problems: [expect.objectContaining({ code: 'claimed-work' })],
      tasks: [],
    });
    expect(JSON.stringify(machine.current)).toBe(state);
    expect(machine.runsOn.modelVersion).toBe(1);
  });

  it('answers a repeat of the same run as before and changes nothing; another run finds it migrated', () => {
    const { machine, now } = atFirstConversation();
    const first = machine.migrate(request(), now);
    machine.apply(first.transition);
    const again = machine.migrate(request(), now + HOUR);
    expect(again.view).toEqual(first.view);
    expect(again.transition.projection.events).toEqual([]);
    expect(again.transition.runsOn).toBeUndefined();
    expect(machine.previewMigration(request({ migrationId: 'run-2' }), now)).toMatchObject({
      outcome: 'already-migrated',
      fromVersion: 2,
    });
  });

  it('refuses closed cases and cases on another version as conflicts', () => {
    const { machine, now } = atOutreach();
    expect(
      refusal(() => machine.checkMigration(request({ fromVersion: 3, toVersion: 4 }), now)).type,
    ).toBe('Conflict');
    machine.apply(
      machine.act(
        { action: 'close', endId: 'not-reached', actor: regisseur, reason: 'Gestopt' },
        now,
      ),
    );
    expect(refusal(() => machine.checkMigration(request(), now)).message).toMatch(/closed/);
  });

  it('previews exactly what the migration does, as migratable', () => {
    const { machine, now } = atFirstConversation();
    const preview = machine.previewMigration(request(), now);
    const { view } = machine.migrate(request(), now);
    expect(preview).toEqual({ ...view, outcome: 'migratable' });
  });
});
