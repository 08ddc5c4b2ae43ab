import type { Actor, CaseWorkflowInput, NotificationEvent } from '@schakel/contracts';
import { exampleModel } from '../../../reference-model/test/example-models';
import { CaseMachine, type Transition } from './case-machine';

const HOUR = 3600 * 1000;
// Friday 27 November 2026, 10:00 in Amsterdam.
const FRIDAY = Date.parse('2026-11-27T09:00:00Z');

const caseworker = (organisationId: string): Actor => ({
  userId: `u-${organisationId}`,
  role: 'caseworker',
  organisationId,
});
const regisseur: Actor = { userId: 'u-regie', role: 'regisseur', organisationId: null };

function debtCase(): CaseWorkflowInput {
  return {
    caseId: 'c2',
    chainId: 'vroegsignalering-schuldhulp',
    modelVersion: 1,
    model: exampleModel('vroegsignalering-schuldhulp.yaml'),
    category: 'arrears-signal',
    intensity: 'coordinate',
    openedBy: caseworker('gemeente'),
    notifyFollowsWork: true,
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

/** `kind → organisations` of each notification, the shape a partner experiences. */
const told = (transition: Transition) =>
  transition.notifications.map((event) => `${event.kind} → ${event.organisationIds.join(',')}`);

/** Drives the debt chain step by step, keeping every notification the machine decided on. */
class DebtChain {
  readonly machine: CaseMachine;
  readonly sent: NotificationEvent[] = [];
  now = FRIDAY;

  constructor() {
    const { machine, transition } = CaseMachine.open(debtCase(), this.now);
    this.machine = machine;
    this.sent.push(...transition.notifications);
  }

  step(make: (machine: CaseMachine, now: number) => Transition): Transition {
    this.now += HOUR;
    const transition = make(this.machine, this.now);
    this.machine.apply(transition);
    this.sent.push(...transition.notifications);
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
    expect(end.notifications).toEqual([
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
    expect(returned.notifications).toEqual([
      expect.objectContaining({
        kind: 'task.returned',
        organisationIds: ['gemeente'],
        payload: expect.objectContaining({ taskKey: 'outreach:2', stepId: 'outreach' }),
      }),
    ]);
    // The caseworker's free-text reason stays in the case; it is not quoted to anyone.
    expect(JSON.stringify(returned.notifications)).not.toContain('Telefoonnummer');
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
    expect(reassigned.notifications[0].payload).toEqual({
      taskKey: 'outreach:1',
      stepId: 'outreach',
      reason: 'reassigned',
    });
    expect(JSON.stringify(reassigned.notifications)).not.toContain('capaciteit');
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
    expect(cancelled.notifications[0].payload).toMatchObject({ reason: 'case-ended' });
    expect(cancelled.notifications[1].payload).toEqual({ status: 'cancelled' });
  });

  it('keeps a case started before notifications followed the work to the kinds it sent then', () => {
    // Its recorded history ran the notify activity only for these; replay must find the same.
    const { machine, transition } = CaseMachine.open(
      { ...debtCase(), notifyFollowsWork: undefined },
      FRIDAY,
    );
    expect(transition.notifications).toEqual([]);
    const actor = caseworker('gemeente');
    machine.apply(machine.claim({ taskKey: 'matching:1', actor }, FRIDAY + HOUR));
    const completed = machine.complete(
      { taskKey: 'matching:1', actor, outcome: 'triaged', data: { crisis: false } },
      FRIDAY + 2 * HOUR,
    );
    expect(completed.notifications).toEqual([]);
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
