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
    intake: {
      clientQuestion: 'Ondersteuning thuis',
      clientReference: 'KP-TEST',
      idempotencyKey: null,
    },
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
    intake: { clientQuestion: 'Huurachterstand', clientReference: 'KP-TEST', idempotencyKey: null },
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

describe('CaseMachine free text (issue 12)', () => {
  const kredietbank: Actor = {
    userId: 'u-kredietbank',
    role: 'caseworker',
    organisationId: 'kredietbank',
  };

  /** The debt case up to the first conversation, claimed by the debt-help provider. */
  function atFirstConversation(returnReasons?: { id: string; label: string }[]) {
    const input = debtCase();
    input.model = {
      ...input.model,
      steps: input.model.steps.map((step) =>
        step.id === 'first-conversation' && returnReasons ? { ...step, returnReasons } : step,
      ),
    };
    const { machine } = CaseMachine.open(input, FRIDAY);
    let now = FRIDAY;
    const complete = (taskKey: string, outcome: string, data: Record<string, string | boolean>) => {
      now += HOUR;
      machine.apply(machine.complete({ taskKey, actor: gemeente, outcome, data }, now));
    };
    complete('matching:1', 'triaged', { crisis: false });
    complete('outreach:1', 'reached', { 'contact-channel': 'phone' });
    now += HOUR;
    machine.apply(machine.claim({ taskKey: 'first-conversation:1', actor: kredietbank }, now));
    return { machine, now: now + HOUR };
  }

  it('gives a return reason to both ends of the handover, with its category, and quotes it in no notification', () => {
    const { machine, now } = atFirstConversation([
      { id: 'incomplete-information', label: 'Informatie onvolledig' },
    ]);
    const transition = machine.return(
      {
        taskKey: 'first-conversation:1',
        actor: kredietbank,
        reason: 'Telefoonnummer ontbreekt',
        category: 'incomplete-information',
      },
      now,
    );
    const returned = transition.projection.events.find((event) => event.type === 'task.returned');
    expect(returned?.details).toMatchObject({
      reason: 'Telefoonnummer ontbreekt',
      reasonCategory: 'incomplete-information',
      audience: { organisations: ['kredietbank', 'gemeente'], regisseur: false },
    });
    expect(JSON.stringify(transition.projection.notifications)).not.toContain('Telefoonnummer');
  });

  it('refuses a category the step does not declare, naming the field', () => {
    const declared = atFirstConversation([{ id: 'wrong-partner', label: 'Verkeerde partner' }]);
    const wrong = refusal(() =>
      declared.machine.checkReturn({
        taskKey: 'first-conversation:1',
        actor: kredietbank,
        reason: 'r',
        category: 'client-unreachable',
      }),
    );
    expect(wrong.type).toBe('Unprocessable');
    expect(JSON.stringify(wrong.details)).toContain('category');
    const undeclared = atFirstConversation();
    expect(
      refusal(() =>
        undeclared.machine.checkReturn({
          taskKey: 'first-conversation:1',
          actor: kredietbank,
          reason: 'r',
          category: 'wrong-partner',
        }),
      ).type,
    ).toBe('Unprocessable');
  });

  it("gives a regisseur's reason to the regisseur and the partner of the task it concerns", () => {
    const { machine } = CaseMachine.open(debtCase(), FRIDAY);
    const transition = machine.act(
      { action: 'remind', taskKey: 'matching:1', actor: regisseur, reason: 'Graag vandaag' },
      FRIDAY + HOUR,
    );
    expect(transition.projection.events[0].details.audience).toEqual({
      organisations: ['gemeente'],
      regisseur: true,
    });
    expect(JSON.stringify(transition.projection.notifications)).not.toContain('Graag vandaag');
  });
});
