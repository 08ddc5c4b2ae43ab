import { ApplicationFailure } from '@temporalio/common';
import type { Actor, CaseWorkflowInput } from '@schakel/contracts';
import { exampleModel } from '../../../reference-model/test/example-models';
import { CaseMachine } from './case-machine';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
// Friday 27 November 2026, 10:00 in Amsterdam.
const FRIDAY = Date.parse('2026-11-27T09:00:00Z');

const gemeente: Actor = { userId: 'u-gemeente', role: 'caseworker', organisationId: 'gemeente' };
const regisseur: Actor = { userId: 'u-regie', role: 'regisseur', organisationId: null };

function wmoCase(): CaseWorkflowInput {
  return {
    caseId: 'c1',
    chainId: 'wmo-maatwerk',
    modelVersion: 1,
    model: exampleModel('wmo-maatwerk.yaml'),
    category: 'wmo-notification',
    intensity: 'coordinate',
    openedBy: gemeente,
    data: {
      'client-name': 'A',
      'contact-address': 'B',
      'support-question': 'C',
      'notification-date': '2026-11-20',
      'wants-personal-plan': false,
    },
  };
}

function debtCase(): CaseWorkflowInput {
  return {
    caseId: 'c2',
    chainId: 'vroegsignalering-schuldhulp',
    modelVersion: 1,
    model: exampleModel('vroegsignalering-schuldhulp.yaml'),
    category: 'arrears-signal',
    intensity: 'coordinate',
    openedBy: gemeente,
    data: {
      'client-name': 'K',
      'contact-address': 'M',
      'amount-owed': 100,
      'days-in-arrears': 70,
      'reminder-sent': true,
      'signal-source': 'housing',
    },
  };
}

function refusal(run: () => unknown): ApplicationFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof ApplicationFailure) return error;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

function toDecision(): { machine: CaseMachine; now: number } {
  const { machine, transition } = CaseMachine.open(wmoCase(), FRIDAY);
  let now = FRIDAY;
  const step = (
    taskKey: string,
    outcome: string,
    data: Record<string, string | number | boolean>,
  ) => {
    now += HOUR;
    machine.apply(machine.complete({ taskKey, actor: gemeente, outcome, data }, now));
  };
  expect(transition.result.opened.map((task) => task.taskKey)).toEqual(['assessment:1']);
  step('assessment:1', 'custom-support', { 'assessment-report': 'r' });
  step('application:1', 'signed', { 'application-date': '2026-11-27' });
  return { machine, now };
}

describe('CaseMachine clocks', () => {
  it('gives an opened task due dates from its norm on the working-day calendar', () => {
    const { transition } = CaseMachine.open(debtCase(), FRIDAY);
    const [matching] = transition.projection.opened;
    // Three working days after Friday: Wednesday 2 December, end of day in Amsterdam.
    expect(matching.dueAt).toBe('2026-12-02T22:59:59.999Z');
    expect(matching.escalationAt).toBe('2026-12-04T22:59:59.999Z');
  });

  it('fires warning, overdue and escalation in order, then climbs the ladder', () => {
    const { machine } = CaseMachine.open(debtCase(), FRIDAY);
    const fired: string[] = [];
    let now = FRIDAY;
    for (let i = 0; i < 10; i += 1) {
      const deadline = machine.nextDeadline(now);
      if (deadline === null) break;
      now = deadline;
      const transition = machine.fire(now);
      machine.apply(transition);
      fired.push(
        ...transition.projection.events.map(
          (event) => `${event.type}@${new Date(now).toISOString().slice(0, 10)}`,
        ),
      );
      if (fired.some((entry) => entry.startsWith('escalation.level-up'))) break;
    }
    expect(fired).toEqual([
      'task.warning@2026-12-01',
      'task.overdue@2026-12-02',
      'escalation.raised@2026-12-04',
      'escalation.level-up@2026-12-11',
    ]);
    expect(machine.current.escalations[0]).toMatchObject({
      level: 2,
      owner: 'team-leads',
      status: 'open',
    });
  });

  it('extends within the model maximum and moves the escalation threshold along', () => {
    const { machine, now } = toDecision();
    const clocksBefore = machine.fire(now).projection;
    expect(clocksBefore.events).toEqual([]);
    const decision = machine.current.clocks['decision:1'];
    expect(decision.target).toBeDefined();
    const tooLong = refusal(() =>
      machine.checkAction(
        {
          action: 'extend',
          taskKey: 'decision:1',
          dueAt: new Date(now + 120 * DAY).toISOString(),
          actor: regisseur,
          reason: 'r',
        },
        now,
      ),
    );
    expect(tooLong.type).toBe('Unprocessable');
    const transition = machine.act(
      {
        action: 'extend',
        taskKey: 'decision:1',
        dueAt: '2026-12-31T16:00:00.000Z',
        actor: regisseur,
        reason: 'Awb 4:14',
      },
      now,
    );
    expect(transition.projection.changed).toEqual([
      expect.objectContaining({
        taskKey: 'decision:1',
        dueAt: '2026-12-31T16:00:00.000Z',
        extended: true,
      }),
    ]);
  });

  it('refuses actions by anyone but the regisseur, and actions without a reason', () => {
    const { machine } = CaseMachine.open(debtCase(), FRIDAY);
    expect(
      refusal(() =>
        machine.checkAction(
          { action: 'remind', taskKey: 'matching:1', actor: gemeente, reason: 'r' },
          FRIDAY,
        ),
      ).type,
    ).toBe('Forbidden');
    expect(
      refusal(() =>
        machine.checkAction(
          { action: 'remind', taskKey: 'matching:1', actor: regisseur, reason: ' ' },
          FRIDAY,
        ),
      ).type,
    ).toBe('Unprocessable');
  });

  it('excludes suspended time: a week paused moves the due date out by the working days paused', () => {
    const { machine } = CaseMachine.open(debtCase(), FRIDAY);
    machine.apply(
      machine.complete(
        { taskKey: 'matching:1', actor: gemeente, outcome: 'triaged', data: { crisis: false } },
        FRIDAY + HOUR,
      ),
    );
    const before = machine.act(
      { action: 'remind', taskKey: 'outreach:1', actor: regisseur, reason: 'r' },
      FRIDAY + 2 * HOUR,
    );
    machine.apply(before);
    const dueBefore = machine.fire(FRIDAY + 2 * HOUR).projection;
    expect(dueBefore.events).toEqual([]);
    machine.apply(
      machine.act(
        {
          action: 'suspend',
          taskKey: 'outreach:1',
          waitingFor: 'client',
          actor: regisseur,
          reason: 'buitenland',
        },
        FRIDAY + 3 * HOUR,
      ),
    );
    expect(machine.nextDeadline(FRIDAY + 4 * HOUR)).toBeNull();
    const resumed = machine.act(
      { action: 'resume', taskKey: 'outreach:1', actor: regisseur, reason: 'terug' },
      FRIDAY + 7 * DAY + 3 * HOUR,
    );
    const change = resumed.projection.changed[0];
    // Ten working days from Friday 27 Nov end on Friday 11 Dec; five working days paused push it to 18 Dec.
    expect(change).toMatchObject({
      taskKey: 'outreach:1',
      dueAt: '2026-12-18T22:59:59.999Z',
      suspendedSince: null,
    });
    expect(change.suspendedMs).toBe(7 * DAY);
  });
});

const kredietbank: Actor = { userId: 'u-kb', role: 'caseworker', organisationId: 'kredietbank' };

/** Fires every deadline up to `until`; returns the escalations raised, as `trigger@date`. */
function runUntil(machine: CaseMachine, from: number, until: number): string[] {
  const raised: string[] = [];
  for (let now = from; ;) {
    const deadline = machine.nextDeadline(now);
    if (deadline === null || deadline > until) return raised;
    now = deadline;
    const transition = machine.fire(now);
    machine.apply(transition);
    for (const event of transition.projection.events) {
      if (event.type === 'escalation.raised')
        raised.push(`${event.details.trigger}@${new Date(now).toISOString().slice(0, 10)}`);
    }
  }
}

describe('case-stalled', () => {
  it('is raised once when nothing moved for the model-configured time, and again after a move', () => {
    const { machine } = CaseMachine.open(debtCase(), FRIDAY);
    const raised = runUntil(machine, FRIDAY, FRIDAY + 120 * DAY);
    // Six weeks after the case opened (end of that day), once, besides the norm breach.
    expect(raised.filter((entry) => entry.startsWith('case-stalled'))).toEqual([
      'case-stalled@2027-01-08',
    ]);
    expect(machine.current.escalations.at(-1)).toMatchObject({
      trigger: 'case-stalled',
      taskKey: 'matching:1',
    });

    const moved = FRIDAY + 121 * DAY;
    machine.apply(
      machine.complete(
        { taskKey: 'matching:1', actor: gemeente, outcome: 'triaged', data: { crisis: false } },
        moved,
      ),
    );
    const later = runUntil(machine, moved, moved + 50 * DAY);
    expect(later.filter((entry) => entry.startsWith('case-stalled'))).toHaveLength(1);
  });

  it('is never raised by a model without stalledAfter', () => {
    const input = debtCase();
    delete input.model.escalation.stalledAfter;
    const { machine } = CaseMachine.open(input, FRIDAY);
    expect(runUntil(machine, FRIDAY, FRIDAY + 200 * DAY)).not.toContainEqual(
      expect.stringMatching(/^case-stalled/),
    );
  });
});

describe('partners-disagree', () => {
  it('lets the holding partner raise it with a reason, recorded in the timeline', () => {
    const { machine } = CaseMachine.open(debtCase(), FRIDAY);
    const transition = machine.act(
      { action: 'disagree', taskKey: 'matching:1', actor: gemeente, reason: 'Geen grond.' },
      FRIDAY + DAY,
    );
    machine.apply(transition);
    expect(machine.current.escalations).toEqual([
      expect.objectContaining({ trigger: 'partners-disagree', taskKey: 'matching:1', level: 1 }),
    ]);
    expect(transition.projection.events).toEqual([
      expect.objectContaining({
        type: 'escalation.raised',
        actor: gemeente,
        details: expect.objectContaining({ trigger: 'partners-disagree', reason: 'Geen grond.' }),
      }),
    ]);
  });

  it('refuses another organisation, an unknown task and a missing reason', () => {
    const { machine } = CaseMachine.open(debtCase(), FRIDAY);
    const disagree = (actor: Actor, taskKey: string, reason: string) => () =>
      machine.act({ action: 'disagree', taskKey, actor, reason }, FRIDAY + DAY);
    expect(refusal(disagree(kredietbank, 'matching:1', 'Oneens.')).type).toBe('Forbidden');
    expect(refusal(disagree(gemeente, 'ghost:1', 'Oneens.')).type).toBe('NotFound');
    expect(refusal(disagree(gemeente, 'matching:1', ' ')).type).toBe('Unprocessable');
  });
});
