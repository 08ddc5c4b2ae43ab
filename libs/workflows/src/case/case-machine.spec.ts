import type { Actor, CaseWorkflowInput, NotificationEvent } from '@schakel/contracts';
import { exampleModel } from '../../../reference-model/test/example-models';
import { debtCase, refusal } from '../../test/machine-fixtures';
import { CaseMachine, type Transition } from './case-machine';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
// Friday 27 November 2026, 10:00 in Amsterdam.
const FRIDAY = Date.parse('2026-11-27T09:00:00Z');

const caseworker = (organisationId: string): Actor => ({
  userId: `u-${organisationId}`,
  role: 'caseworker',
  organisationId,
});
const gemeente = caseworker('gemeente');
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

/** `kind → organisations` of each notification, the shape a partner experiences. */
const told = (transition: Transition) =>
  transition.projection.notifications.map(
    (event) => `${event.kind} → ${event.organisationIds.join(',')}`,
  );

/** Drives the debt chain step by step, keeping every notification the machine decided on. */
class DebtChain {
  readonly machine: CaseMachine;
  readonly sent: NotificationEvent[] = [];
  now = FRIDAY;

  constructor() {
    const { machine, transition } = CaseMachine.open(
      { ...debtCase(), notifyFollowsWork: true },
      this.now,
    );
    this.machine = machine;
    this.sent.push(...transition.projection.notifications);
  }

  step(make: (machine: CaseMachine, now: number) => Transition): Transition {
    this.now += HOUR;
    const transition = make(this.machine, this.now);
    this.machine.apply(transition);
    this.sent.push(...transition.projection.notifications);
    return transition;
  }

  complete(taskKey: string, organisationId: string, outcome: string, data = {}): Transition {
    const actor = caseworker(organisationId);
    return this.step((machine, now) => machine.complete({ taskKey, actor, outcome, data }, now));
  }
}

describe('CaseMachine notifications follow the work', () => {
  it('tells every organisation a handover reaches, once, with references only', () => {
    const chain = new DebtChain();
    expect(chain.sent).toEqual([
      {
        id: 'c2:2:task.opened',
        kind: 'task.opened',
        organisationIds: ['gemeente'],
        title: 'Nieuwe taak: Matching en triage',
        body: 'Een overdracht wacht op uw organisatie.',
        caseId: 'c2',
        chainId: 'vroegsignalering-schuldhulp',
        occurredAt: '2026-11-27T09:00:00.000Z',
        payload: { taskKey: 'matching:1', stepId: 'matching', dueAt: '2026-12-02T22:59:59.999Z' },
      },
    ]);

    expect(told(chain.complete('matching:1', 'gemeente', 'triaged', { crisis: false }))).toEqual([
      'task.opened → gemeente',
    ]);
    expect(
      told(chain.complete('outreach:1', 'gemeente', 'reached', { 'contact-channel': 'phone' })),
    ).toEqual(['task.opened → kredietbank']);
    expect(
      told(
        chain.complete('first-conversation:1', 'kredietbank', 'accepted', {
          'help-accepted': true,
        }),
      ),
    ).toEqual(['task.opened → woningcorporatie']);
    expect(told(chain.complete('feedback:1', 'woningcorporatie', 'acknowledged'))).toEqual([
      'task.opened → gemeente',
    ]);
    expect(
      told(chain.complete('access-decision:1', 'gemeente', 'granted', { 'debt-total': 5000 })),
    ).toEqual(['task.opened → kredietbank']);
    // The parallel split opens two tasks: each is its own case event and its own notification.
    expect(
      told(chain.complete('stabilisation:1', 'kredietbank', 'stable', { 'income-stable': true })),
    ).toEqual(['task.opened → kredietbank', 'task.opened → gemeente']);
    chain.complete('income-administration:1', 'gemeente', 'set-up', {
      'income-administration-start': '2026-12-01',
    });
    expect(
      told(chain.complete('creditors:1', 'kredietbank', 'done', { 'creditor-agreement': true })),
    ).toEqual(['task.opened → maatschappelijk-werk']);
    const end = chain.complete('aftercare:1', 'maatschappelijk-werk', 'completed');
    expect(end.projection.notifications).toEqual([
      expect.objectContaining({
        kind: 'case.closed',
        organisationIds: ['gemeente', 'kredietbank', 'maatschappelijk-werk', 'woningcorporatie'],
        payload: { status: 'closed', endId: 'solved', result: 'solved' },
      }),
    ]);

    // Ids come from the case events: distinct, and a second (replayed) run decides the same ones.
    const ids = chain.sent.map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
    const replay = new DebtChain();
    expect(replay.sent.map((event) => event.id)).toEqual(ids.slice(0, 1));

    // References only: the intake's client data never reaches a notification.
    const text = JSON.stringify(chain.sent);
    for (const value of Object.values(debtCase().data)) {
      if (typeof value === 'string' && value.length > 3) expect(text).not.toContain(value);
    }
  });

  it('tells the organisation a handover is returned to as returned work, not as a new task', () => {
    const chain = new DebtChain();
    chain.complete('matching:1', 'gemeente', 'triaged', { crisis: false });
    chain.complete('outreach:1', 'gemeente', 'reached', { 'contact-channel': 'phone' });
    const actor = caseworker('kredietbank');
    chain.step((machine, now) => machine.claim({ taskKey: 'first-conversation:1', actor }, now));
    const returned = chain.step((machine, now) =>
      machine.return(
        {
          taskKey: 'first-conversation:1',
          actor,
          reason: 'Telefoonnummer van de cliënt ontbreekt',
        },
        now,
      ),
    );
    expect(returned.projection.notifications).toEqual([
      expect.objectContaining({
        kind: 'task.returned',
        organisationIds: ['gemeente'],
        payload: expect.objectContaining({ taskKey: 'outreach:2', stepId: 'outreach' }),
      }),
    ]);
    // The caseworker's free-text reason stays in the case; it is not quoted to anyone.
    expect(JSON.stringify(returned.projection.notifications)).not.toContain('Telefoonnummer');
  });

  it('tells the old organisation its task went away and the new one that it has it', () => {
    const chain = new DebtChain();
    chain.complete('matching:1', 'gemeente', 'triaged', { crisis: false });
    const reassigned = chain.step((machine, now) =>
      machine.act(
        {
          action: 'reassign',
          taskKey: 'outreach:1',
          partnerId: 'maatschappelijk-werk',
          actor: regisseur,
          reason: 'Gemeente heeft geen capaciteit voor huisbezoeken',
        },
        now,
      ),
    );
    expect(told(reassigned)).toEqual([
      'task.cancelled → gemeente',
      'task.assigned → maatschappelijk-werk',
    ]);
    expect(reassigned.projection.notifications[0].payload).toEqual({
      taskKey: 'outreach:1',
      stepId: 'outreach',
      reason: 'reassigned',
    });
    expect(JSON.stringify(reassigned.projection.notifications)).not.toContain('capaciteit');
  });

  it('tells every organisation involved when the regisseur cancels the case', () => {
    const chain = new DebtChain();
    chain.complete('matching:1', 'gemeente', 'triaged', { crisis: false });
    chain.complete('outreach:1', 'gemeente', 'reached', { 'contact-channel': 'phone' });
    const cancelled = chain.step((machine, now) =>
      machine.cancel({ actor: regisseur, reason: 'Cliënt verhuisd' }, now),
    );
    expect(told(cancelled)).toEqual([
      'task.cancelled → kredietbank',
      'case.closed → gemeente,kredietbank',
    ]);
    expect(cancelled.projection.notifications[0].payload).toMatchObject({ reason: 'case-ended' });
    expect(cancelled.projection.notifications[1].payload).toEqual({ status: 'cancelled' });
  });

  it('keeps a case started before notifications followed the work to the kinds it sent then', () => {
    // Its recorded history ran the notify activity only for these; replay must find the same.
    const { machine, transition } = CaseMachine.open(debtCase(), FRIDAY);
    expect(transition.projection.notifications).toEqual([]);
    const actor = caseworker('gemeente');
    machine.apply(machine.claim({ taskKey: 'matching:1', actor }, FRIDAY + HOUR));
    const completed = machine.complete(
      { taskKey: 'matching:1', actor, outcome: 'triaged', data: { crisis: false } },
      FRIDAY + 2 * HOUR,
    );
    expect(completed.projection.notifications).toEqual([]);
    machine.apply(completed);
    const reminded = machine.act(
      { action: 'remind', taskKey: 'outreach:1', actor: regisseur, reason: 'r' },
      FRIDAY + 3 * HOUR,
    );
    expect(told(reminded)).toEqual(['task.reminder → gemeente']);
  });

  it('tells the holding organisation about due dates and the escalations about its task', () => {
    const chain = new DebtChain();
    const kinds: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const deadline = chain.machine.nextDeadline(chain.now);
      if (deadline === null) break;
      chain.now = deadline - HOUR;
      kinds.push(...told(chain.step((machine, now) => machine.fire(now))));
    }
    expect(kinds).toEqual([
      'task.due-soon → gemeente',
      'task.overdue → gemeente',
      'escalation.raised → gemeente',
      'escalation.level-up → gemeente',
      'escalation.level-up → gemeente',
    ]);
    const [raised] = chain.sent.filter((event) => event.kind === 'escalation.raised');
    expect(raised).toMatchObject({ roles: ['regisseur'], payload: { taskKey: 'matching:1' } });

    const escalationId = chain.machine.current.escalations[0].id;
    const down = chain.step((machine, now) =>
      machine.act({ action: 'de-escalate', escalationId, actor: regisseur, reason: 'r' }, now),
    );
    expect(told(down)).toEqual(['escalation.de-escalated → gemeente']);
    const resolved = chain.step((machine, now) =>
      machine.act({ action: 'resolve', escalationId, actor: regisseur, reason: 'r' }, now),
    );
    expect(told(resolved)).toEqual(['escalation.resolved → gemeente']);
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
