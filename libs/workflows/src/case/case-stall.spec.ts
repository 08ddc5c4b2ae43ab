import { ApplicationFailure } from '@temporalio/common';
import type { Actor, CaseWorkflowInput } from '@schakel/contracts';
import { exampleModel } from '../../../reference-model/test/example-models';
import { CaseMachine } from './case-machine';

const DAY = 24 * 3600 * 1000;
// Friday 27 November 2026, 10:00 in Amsterdam.
const FRIDAY = Date.parse('2026-11-27T09:00:00Z');
const gemeente: Actor = { userId: 'u-gemeente', role: 'caseworker', organisationId: 'gemeente' };
const kredietbank: Actor = { userId: 'u-kb', role: 'caseworker', organisationId: 'kredietbank' };

function debtCase(): CaseWorkflowInput {
  return {
    caseId: 'c-stall',
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
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        if (error instanceof ApplicationFailure) return error.type;
        throw error;
      }
      return 'accepted';
    };
    const disagree = (actor: Actor, taskKey: string, reason: string) => () =>
      machine.act({ action: 'disagree', taskKey, actor, reason }, FRIDAY + DAY);
    expect(refused(disagree(kredietbank, 'matching:1', 'Oneens.'))).toBe('Forbidden');
    expect(refused(disagree(gemeente, 'ghost:1', 'Oneens.'))).toBe('NotFound');
    expect(refused(disagree(gemeente, 'matching:1', ' '))).toBe('Unprocessable');
  });
});
