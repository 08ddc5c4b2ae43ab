import type { ActionVerdict, Actor } from '@schakel/contracts';
import { debtCase } from '../../test/case-fixtures';
import { judgeActions } from './case-actions';
import { CaseMachine } from './case-machine';

const HOUR = 3600 * 1000;
const FRIDAY = Date.parse('2026-11-27T09:00:00Z');

const gemeente: Actor = { userId: 'u-gemeente', role: 'caseworker', organisationId: 'gemeente' };
const collega: Actor = { userId: 'u-collega', role: 'caseworker', organisationId: 'gemeente' };
const kredietbank: Actor = {
  userId: 'u-kredietbank',
  role: 'caseworker',
  organisationId: 'kredietbank',
};
const regisseur: Actor = { userId: 'u-regie', role: 'regisseur', organisationId: null };

/** The verdicts as `action: allowed|reason`, for one readable comparison. */
const summary = (verdicts: ActionVerdict[]) =>
  verdicts.map(({ action, allowed, reason }) => `${action}: ${allowed ? 'allowed' : reason}`);

const onTask = (machine: CaseMachine, actor: Actor, taskKey: string, now = FRIDAY) =>
  summary(judgeActions(machine, { actor, taskKeys: [taskKey], caseLevel: false }, now));

describe('the actions a caller is offered', () => {
  it('offers the intake task to its organisation, but no return: nobody handed it over', () => {
    const { machine } = CaseMachine.open(debtCase(gemeente), FRIDAY);
    expect(onTask(machine, gemeente, 'matching:1')).toEqual([
      'claim: allowed',
      'assign: allowed',
      'complete: allowed',
      'return: no-handover-to-return',
      'disagree: allowed',
    ]);
    // Another organisation's task offers it nothing at all.
    expect(onTask(machine, kredietbank, 'matching:1')).toEqual([]);
  });

  it('says a colleague holds it, and offers the holder to give it back instead of claiming', () => {
    const { machine } = CaseMachine.open(debtCase(gemeente), FRIDAY);
    machine.apply(machine.claim({ taskKey: 'matching:1', actor: gemeente }, FRIDAY + HOUR));
    expect(onTask(machine, collega, 'matching:1')).toEqual([
      'claim: claimed-by-colleague',
      'assign: allowed',
      'complete: claimed-by-colleague',
      'return: claimed-by-colleague',
      'disagree: allowed',
    ]);
    expect(onTask(machine, gemeente, 'matching:1')).toContain('unclaim: allowed');
    expect(onTask(machine, gemeente, 'matching:1')).not.toContain('claim: allowed');
  });

  it("gives the regisseur the task's interventions with the model's refusals", () => {
    const { machine } = CaseMachine.open(debtCase(gemeente), FRIDAY);
    expect(onTask(machine, regisseur, 'matching:1')).toEqual([
      'reassign: allowed',
      'extend: norm-not-extendable',
      'suspend: norm-not-suspendable',
      'remind: allowed',
      'skip: allowed',
    ]);
    machine.apply(
      machine.complete(
        { taskKey: 'matching:1', actor: gemeente, outcome: 'triaged', data: { crisis: false } },
        FRIDAY + HOUR,
      ),
    );
    // Outreach waits on the resident: its clock may be suspended, and then resumed.
    expect(onTask(machine, regisseur, 'outreach:1', FRIDAY + HOUR)).toContain('suspend: allowed');
    machine.apply(
      machine.act(
        {
          action: 'suspend',
          taskKey: 'outreach:1',
          waitingFor: 'client',
          actor: regisseur,
          reason: 'Wacht op loonstroken.',
        },
        FRIDAY + 2 * HOUR,
      ),
    );
    const suspended = onTask(machine, regisseur, 'outreach:1', FRIDAY + 3 * HOUR);
    expect(suspended).toContain('resume: allowed');
    expect(suspended).not.toContain('suspend: allowed');
    // The completed triage is the step the regisseur may reopen.
    expect(onTask(machine, regisseur, 'matching:1', FRIDAY + 3 * HOUR)).toEqual([
      'reopen: allowed',
    ]);
  });

  it('lists the actions on an escalation, refused where its task is no longer open', () => {
    const { machine } = CaseMachine.open(debtCase(gemeente), FRIDAY);
    machine.apply(
      machine.act(
        { action: 'disagree', taskKey: 'matching:1', actor: gemeente, reason: 'Oneens.' },
        FRIDAY + HOUR,
      ),
    );
    const [escalation] = machine.current.escalations;
    const judge = (now: number) =>
      summary(
        judgeActions(
          machine,
          { actor: regisseur, taskKeys: [], caseLevel: false, escalationId: escalation.id },
          now,
        ),
      );
    expect(judge(FRIDAY + 2 * HOUR)).toEqual([
      'resolve: allowed',
      'escalate: allowed',
      'de-escalate: allowed',
      'record-agreement: allowed',
      'reassign: allowed',
      'extend: norm-not-extendable',
      'suspend: norm-not-suspendable',
      'remind: allowed',
      'skip: allowed',
    ]);
  });

  it('offers the regisseur to close, cancel or record an agreement, and nothing once the case ended', () => {
    const { machine } = CaseMachine.open(debtCase(gemeente), FRIDAY);
    const caseLevel = () =>
      summary(judgeActions(machine, { actor: regisseur, taskKeys: [], caseLevel: true }, FRIDAY));
    expect(caseLevel()).toEqual(['close: allowed', 'cancel: allowed', 'record-agreement: allowed']);
    expect(
      summary(judgeActions(machine, { actor: gemeente, taskKeys: [], caseLevel: true }, FRIDAY)),
    ).toEqual([]);
    machine.apply(machine.cancel({ actor: regisseur, reason: 'Verhuisd.' }, FRIDAY + HOUR));
    expect(caseLevel()).toEqual([]);
    expect(onTask(machine, gemeente, 'matching:1')).toEqual([]);
  });
});
