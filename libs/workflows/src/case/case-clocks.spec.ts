import { endOfAmsterdamDay, HolidayCalendar } from '@schakel/calendar';
import { refusalOf, type CaseWorkflowInput } from '@schakel/contracts';
import type { CaseData, ReferenceModel } from '@schakel/reference-model/engine';
import { caseworker, datedModel, refusal, regisseur } from '../../test/case-fixtures';
import { validateModel } from '../../../reference-model/src/validation/validate-model';
import { clocksOfCase } from './case-clocks';
import { CaseMachine, type Transition } from './case-machine';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
// Monday 1 February 2027, 10:00 in Amsterdam.
const MONDAY = Date.parse('2027-02-01T09:00:00Z');
const endOf = endOfAmsterdamDay;
const iso = (epoch: number) => new Date(epoch).toISOString();

const worker = caseworker;

/**
 * The dated model (start -> split(a, b) -> join -> c): step `a` records the release date, `b` is
 * due 10 working days before it, escalating 5 before; the case norm runs 4 weeks after it,
 * escalating after 6, suspendable and extendable.
 */
const model: ReferenceModel = datedModel('release-date', (m) => {
  m.steps[1].norm = { ...m.steps[1].norm, escalation: { amount: 5, unit: 'workingDays' } };
  m.caseNorm = {
    ...m.caseNorm,
    escalation: { amount: 6, unit: 'weeks' },
    suspendable: true,
    extendable: true,
  };
});

function input(data: CaseData, enforcesCaseNorm = true): CaseWorkflowInput {
  return {
    caseId: 'c9',
    chainId: 'test-chain',
    modelVersion: 1,
    model,
    category: 'general',
    intensity: 'align',
    openedBy: worker('p1'),
    intake: { clientQuestion: 'Nazorg', clientReference: 'KP-TEST', idempotencyKey: null },
    data,
    enforcesCaseNorm,
  };
}

/** Completes step `a` at `now` with new case data; returns the transition, applied. */
function completeA(machine: CaseMachine, taskKey: string, data: CaseData, now: number): Transition {
  const transition = machine.complete({ taskKey, actor: worker('p1'), outcome: 'done', data }, now);
  machine.apply(transition);
  return transition;
}

const dueOf = (transition: Transition, taskKey: string) =>
  transition.projection.changed.find((change) => change.taskKey === taskKey)?.dueAt;

describe('norms anchored to a date in the case', () => {
  it('validates as a model', () => {
    expect(validateModel(model)).toEqual([]);
  });

  it('give the task a due date counted back from the date, and none while the date is missing', () => {
    const dated = CaseMachine.open(input({ 'release-date': '2027-03-01' }), MONDAY).transition;
    const b = dated.projection.opened.find((task) => task.stepId === 'b');
    // 10 working days before Monday 1 March: Monday 15 February.
    expect(b?.dueAt).toBe(iso(endOf('2027-02-15')));
    expect(b?.escalationAt).toBe(iso(endOf('2027-02-22')));

    const { machine, transition } = CaseMachine.open(input({}), MONDAY);
    expect(transition.projection.opened.find((task) => task.stepId === 'b')?.dueAt).toBeNull();
    // No date, no deadline: only the ladder of nothing; the clock wakes no one.
    expect(machine.nextDeadline(MONDAY)).toBeNull();
  });

  it('moves, starts and clears the clock when a completion changes the date, each in the timeline', () => {
    const { machine } = CaseMachine.open(input({}), MONDAY);
    // Another step sets the date while b is open: b's clock starts.
    const set = completeA(machine, 'a:1', { 'release-date': '2027-03-01' }, MONDAY + HOUR);
    expect(dueOf(set, 'b:1')).toBe(iso(endOf('2027-02-15')));
    expect(set.projection.events).toContainEqual(
      expect.objectContaining({
        type: 'task.due-moved',
        taskKey: 'b:1',
        details: { dueAt: iso(endOf('2027-02-15')), previousDueAt: null, field: 'release-date' },
      }),
    );
    expect(machine.nextDeadline(MONDAY + HOUR)).not.toBeNull();

    // The regisseur reopens a, which moves the date a week on.
    machine.apply(
      machine.act(
        { action: 'reopen', stepId: 'a', actor: regisseur, reason: 'Nieuwe datum' },
        MONDAY + 2 * HOUR,
      ),
    );
    const moved = completeA(machine, 'a:2', { 'release-date': '2027-03-08' }, MONDAY + 3 * HOUR);
    expect(moved.projection.events).toContainEqual(
      expect.objectContaining({
        type: 'task.due-moved',
        details: {
          dueAt: iso(endOf('2027-02-22')),
          previousDueAt: iso(endOf('2027-02-15')),
          field: 'release-date',
        },
      }),
    );
    expect(moved.projection.changed.find((c) => c.taskKey === 'b:1')).toMatchObject({
      dueAt: iso(endOf('2027-02-22')),
      escalationAt: iso(endOf('2027-03-01')),
    });

    machine.apply(
      machine.act(
        { action: 'reopen', stepId: 'a', actor: regisseur, reason: 'Datum vervalt' },
        MONDAY + 4 * HOUR,
      ),
    );
    const cleared = completeA(machine, 'a:3', { 'release-date': null }, MONDAY + 5 * HOUR);
    expect(dueOf(cleared, 'b:1')).toBeNull();
    expect(cleared.projection.events).toContainEqual(
      expect.objectContaining({
        type: 'task.due-moved',
        details: { previousDueAt: iso(endOf('2027-02-22')), field: 'release-date' },
      }),
    );
  });

  it('is overdue at once, without a warning, when the date gives a due date already past', () => {
    const { machine } = CaseMachine.open(input({}), MONDAY);
    // Release on Wednesday 3 February: 10 working days before lies in January.
    completeA(machine, 'a:1', { 'release-date': '2027-02-03' }, MONDAY + HOUR);
    const now = machine.nextDeadline(MONDAY + HOUR) as number;
    expect(now).toBeLessThanOrEqual(MONDAY + HOUR);
    const fired = machine.fire(MONDAY + HOUR);
    const types = fired.projection.events.map((event) => `${event.type}:${event.taskKey ?? ''}`);
    expect(types).toContain('task.overdue:b:1');
    expect(types).toContain('escalation.raised:b:1');
    expect(types).not.toContain('task.warning:b:1');
  });
});

describe('the case norm', () => {
  it('runs from the date it is anchored to: due on the row, warning, overdue, then a case-overdue escalation', () => {
    const { machine, transition } = CaseMachine.open(
      input({ 'release-date': '2027-02-05' }),
      MONDAY,
    );
    // 4 weeks after Friday 5 February: Friday 5 March; 6 weeks: Friday 19 March.
    expect(transition.projection.caseClock).toEqual({
      enforced: true,
      dueAt: iso(endOf('2027-03-05')),
      escalationAt: iso(endOf('2027-03-19')),
      suspendedMs: 0,
      suspendedSince: null,
      extended: false,
    });
    // Step b's clock runs too (its due date lies in January); follow the case's own signals.
    const fired: string[] = [];
    let now = MONDAY;
    while (fired.length < 3) {
      now = machine.nextDeadline(now) as number;
      const fire = machine.fire(now);
      machine.apply(fire);
      fired.push(
        ...fire.projection.events
          .filter((event) => event.taskKey === undefined)
          .map((event) => `${event.type}@${iso(now).slice(0, 10)}`),
      );
    }
    // The warning at 0.75 of the time from the intake to the due date.
    expect(fired).toEqual([
      'case.warning@2027-02-25',
      'case.overdue@2027-03-05',
      'escalation.raised@2027-03-19',
    ]);
    const caseLevel = machine.current.escalations.filter((e) => e.trigger === 'case-overdue');
    expect(caseLevel).toEqual([expect.objectContaining({ level: 0, status: 'open' })]);
    expect(caseLevel[0].taskKey).toBeUndefined();
  });

  it('tells the regisseur of the warning and the breach, with no case content', () => {
    const { machine } = CaseMachine.open(input({ 'release-date': '2027-02-05' }), MONDAY);
    const fire = machine.fire(Date.parse('2027-02-26T09:00:00Z'));
    expect(fire.projection.notifications.filter((n) => n.kind.startsWith('case.'))).toEqual([
      expect.objectContaining({
        kind: 'case.due-soon',
        organisationIds: [],
        roles: ['regisseur'],
        payload: { dueAt: iso(endOf('2027-03-05')) },
      }),
    ]);
  });

  it('is suspended, resumed and extended by the regisseur like a task clock', () => {
    const { machine } = CaseMachine.open(input({ 'release-date': '2027-02-05' }), MONDAY);
    const act = (action: Parameters<CaseMachine['act']>[0], at: number) => {
      const transition = machine.act(action, at);
      machine.apply(transition);
      return transition;
    };
    const suspended = act(
      { action: 'suspend', waitingFor: 'client', actor: regisseur, reason: 'Cliënt opgenomen' },
      MONDAY + DAY,
    );
    expect(suspended.projection.caseClock).toMatchObject({ suspendedSince: iso(MONDAY + DAY) });
    expect(suspended.projection.events[0]).toMatchObject({ type: 'case.suspended' });
    expect(
      refusal(() =>
        machine.checkAction(
          { action: 'suspend', waitingFor: 'client', actor: regisseur, reason: 'Nog eens' },
          MONDAY + DAY,
        ),
      ).type,
    ).toBe('Conflict');
    // A week paused: the due date moves a week out.
    const resumed = act({ action: 'resume', actor: regisseur, reason: 'Terug' }, MONDAY + 8 * DAY);
    expect(resumed.projection.caseClock).toMatchObject({
      suspendedSince: null,
      dueAt: iso(endOf('2027-03-12')),
    });
    const extended = act(
      { action: 'extend', dueAt: iso(endOf('2027-04-02')), actor: regisseur, reason: 'Verlenging' },
      MONDAY + 9 * DAY,
    );
    expect(extended.projection.caseClock).toMatchObject({
      extended: true,
      dueAt: iso(endOf('2027-04-02')),
    });
    expect(extended.projection.events[0]).toMatchObject({ type: 'case.extended' });
  });

  it('waits for its date, then starts, and stops when the case ends, saying whether it met the norm', () => {
    const { machine, transition } = CaseMachine.open(input({}), MONDAY);
    expect(transition.projection.caseClock).toMatchObject({ enforced: true, dueAt: null });
    const notYet = refusal(() =>
      machine.checkAction(
        { action: 'extend', dueAt: iso(MONDAY + 90 * DAY), actor: regisseur, reason: 'x' },
        MONDAY,
      ),
    );
    expect(refusalOf(notYet)).toMatchObject({
      code: 'norm-not-extendable',
      problems: [expect.objectContaining({ field: 'dueAt' })],
    });
    const set = completeA(machine, 'a:1', { 'release-date': '2027-02-05' }, MONDAY + HOUR);
    expect(set.projection.caseClock).toMatchObject({ dueAt: iso(endOf('2027-03-05')) });
    expect(set.projection.events).toContainEqual(
      expect.objectContaining({
        type: 'case.due-moved',
        details: expect.objectContaining({ previousDueAt: null }),
      }),
    );
    const b = machine.complete(
      { taskKey: 'b:1', actor: worker('p2'), outcome: 'done', data: {} },
      MONDAY + 2 * HOUR,
    );
    machine.apply(b);
    const ended = machine.complete(
      { taskKey: 'c:1', actor: worker('p1'), outcome: 'done', data: {} },
      MONDAY + 3 * HOUR,
    );
    expect(ended.result.status).toBe('closed');
    expect(ended.projection.caseClock).toMatchObject({ withinNorm: true, suspendedSince: null });
    machine.apply(ended);
    expect(machine.nextDeadline(MONDAY + 4 * HOUR)).toBeNull();
  });

  it('does not run on a case started before it was enforced', () => {
    const { machine, transition } = CaseMachine.open(
      input({ 'release-date': '2027-02-05' }, false),
      MONDAY,
    );
    expect(transition.projection.caseClock).toBeUndefined();
    expect(machine.current.caseClocks).toBeUndefined();
  });
});

describe('clocksOfCase', () => {
  it('gives the clocks of an open case under a model, as if just computed', () => {
    const { machine } = CaseMachine.open(input({ 'release-date': '2027-03-01' }), MONDAY);
    const calendar = new HolidayCalendar();
    const clocks = clocksOfCase(model, machine.current, calendar);
    expect(Object.keys(clocks.tasks)).toEqual(['a:1', 'b:1']);
    expect(clocks.tasks['a:1']).toEqual({});
    expect(clocks.tasks['b:1'].target?.anchors).toEqual([
      { at: MONDAY, dueAt: endOf('2027-02-15'), reason: 'before release-date' },
    ]);
    expect(clocks.case?.target?.anchors?.[0].dueAt).toBe(endOf('2027-03-29'));
    const without = { ...model, caseNorm: undefined };
    expect(clocksOfCase(without, machine.current, calendar).case).toBeUndefined();
  });
});
