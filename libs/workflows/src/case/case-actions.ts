import { ApplicationFailure } from '@temporalio/common';
import {
  CASE_FAILURE,
  refusalOf,
  type ActionsRequest,
  type ActionVerdict,
  type Actor,
  type CaseActionName,
  type RegisseurAction,
  type TaskClocks,
} from '@schakel/contracts';
import type { TaskRecord } from '@schakel/reference-model/engine';
import type { CaseMachine } from './case-machine';
import { readClocks } from './task-clocks';

/** Every regisseur action needs a reason; a probe's is never read. */
const PROBE_REASON = 'probe';
/** A caseworker of the holding partner, as a reassignment may name one: the probe's assignee. */
const PROBE_ASSIGNEE = 'probe';

type Target = Pick<ActionVerdict, 'taskKey' | 'stepId'>;

/**
 * The actions a caller may take on a case now, each judged by the very check its Update's
 * validator runs, probed with the least a request must carry: what is offered as allowed is what
 * the case accepts, and a refusal carries the code the server would answer with. Left out: what
 * is not the caller's to do (another organisation's task, the regisseur's work) and what does not
 * apply to the state (claiming a task you hold, resuming a running clock, acting on a closed case).
 */
export function judgeActions(
  machine: CaseMachine,
  request: ActionsRequest,
  now: number,
): ActionVerdict[] {
  if (!machine.isOpen) return [];
  const judge = new ActionJudge(machine, request.actor, now);
  const verdicts = request.taskKeys.flatMap((taskKey) => judge.task(taskKey, false));
  if (request.caseLevel) verdicts.push(...judge.caseLevel());
  if (request.escalationId) verdicts.push(...judge.escalation(request.escalationId));
  return verdicts;
}

class ActionJudge {
  constructor(
    private readonly machine: CaseMachine,
    private readonly actor: Actor,
    private readonly now: number,
  ) {}

  /**
   * A task's actions. Those on open work apply while it is open; on an escalation's task they are
   * listed whatever its state, so the regisseur reads why a returned task takes no reminder.
   */
  task(taskKey: string, aboutEscalation: boolean): ActionVerdict[] {
    const task = this.machine.current.routing.tasks.find((record) => record.taskKey === taskKey);
    if (!task) return [];
    const { actor } = this;
    const request = { taskKey, actor };
    const target = { taskKey };
    const verdicts: (ActionVerdict | null)[] = [];
    if (task.status === 'open' || aboutEscalation) {
      const holds = this.machine.current.holders[taskKey]?.assigneeId === actor.userId;
      if (!holds)
        verdicts.push(this.judge('claim', () => this.machine.checkClaim(request), target));
      else verdicts.push(this.judge('unclaim', () => this.machine.checkUnclaim(request), target));
      verdicts.push(
        this.judge('assign', () => this.machine.checkMayAssign(request), target),
        this.judge('complete', () => this.machine.checkMayComplete(request), target),
        this.judge('return', () => this.machine.checkMayReturn(request), target),
        ...this.regisseurOnTask(task),
      );
    }
    verdicts.push(this.act({ action: 'disagree', taskKey }, target));
    verdicts.push(...this.reopen(task));
    return verdicts.filter((verdict): verdict is ActionVerdict => verdict !== null);
  }

  /**
   * Close the case at an end, cancel it, record an agreement; and, while the case norm's clock
   * runs, extend or suspend it (or resume it): these carry no `taskKey`.
   */
  caseLevel(): ActionVerdict[] {
    const firstEnd = this.machine.model.ends[0]?.id ?? '';
    const verdicts = [
      this.act({ action: 'close', endId: firstEnd }),
      this.judge('cancel', () =>
        this.machine.checkCancel({ actor: this.actor, reason: PROBE_REASON }),
      ),
      this.act({ action: 'record-agreement' }),
    ];
    return [
      ...verdicts.filter((verdict): verdict is ActionVerdict => verdict !== null),
      ...this.caseClock(),
    ];
  }

  /** Extend the case norm's clock, and suspend it or resume it, while it runs. */
  private caseClock(): ActionVerdict[] {
    const caseClocks = this.machine.current.caseClocks;
    if (!caseClocks) return [];
    const suspended = readClocks(caseClocks, this.now, this.machine.calendar).suspended;
    return [
      this.act({ action: 'extend', dueAt: this.laterDueAt(caseClocks) }),
      suspended
        ? this.act({ action: 'resume' })
        : this.act({ action: 'suspend', waitingFor: 'client' }),
    ].filter((verdict): verdict is ActionVerdict => verdict !== null);
  }

  /** The ladder, an agreement about it, and the actions on the task it is about. */
  escalation(escalationId: string): ActionVerdict[] {
    const escalation = this.machine.current.escalations.find(
      (candidate) => candidate.id === escalationId,
    );
    if (escalation?.status !== 'open') return [];
    const verdicts = [
      this.act({ action: 'resolve', escalationId }),
      this.act({ action: 'escalate', escalationId }),
      this.act({ action: 'de-escalate', escalationId }),
      this.act({ action: 'record-agreement', escalationId }),
    ].filter((verdict): verdict is ActionVerdict => verdict !== null);
    // A case-overdue escalation is about the case norm: its clock's actions, not a task's.
    const onTask = escalation.taskKey
      ? this.task(escalation.taskKey, true).filter((verdict) => verdict.action !== 'reopen')
      : this.caseClock();
    return [...verdicts, ...onTask];
  }

  private regisseurOnTask(task: TaskRecord): (ActionVerdict | null)[] {
    const { taskKey } = task;
    const target = { taskKey };
    const suspended = this.machine.isSuspended(taskKey, this.now);
    return [
      this.act(
        {
          action: 'reassign',
          taskKey,
          assignee: { userId: PROBE_ASSIGNEE, organisationId: task.partnerId },
        },
        target,
      ),
      this.act(
        { action: 'extend', taskKey, dueAt: this.laterDueAt(this.machine.current.clocks[taskKey]) },
        target,
      ),
      suspended
        ? this.act({ action: 'resume', taskKey }, target)
        : this.act({ action: 'suspend', taskKey, waitingFor: 'client' }, target),
      this.act({ action: 'remind', taskKey }, target),
      this.act({ action: 'skip', taskKey }, target),
    ];
  }

  /** A step is reopened from its last done task (the one the engine winds back to). */
  private reopen(task: TaskRecord): (ActionVerdict | null)[] {
    const lastDone = this.machine.current.routing.tasks
      .filter((other) => other.stepId === task.stepId && !other.contribution && isDone(other))
      .pop();
    if (lastDone?.taskKey !== task.taskKey || task.superseded) return [];
    return [
      this.act(
        { action: 'reopen', stepId: task.stepId },
        { taskKey: task.taskKey, stepId: task.stepId },
      ),
    ];
  }

  /** The earliest due date an extension could ask for: just after now and the current one. */
  private laterDueAt(clocks: TaskClocks | undefined): string {
    const current = clocks ? readClocks(clocks, this.now, this.machine.calendar).dueAt : null;
    return new Date(Math.max(this.now, current ?? this.now) + 1).toISOString();
  }

  private act(action: RegisseurAction, target: Target = {}): ActionVerdict | null {
    const input = { ...action, actor: this.actor, reason: PROBE_REASON };
    return this.judge(action.action, () => this.machine.checkAction(input, this.now), target);
  }

  /** Allowed when the check passes; refused with its code; left out when it is not the caller's. */
  private judge(action: CaseActionName, check: () => unknown, target: Target = {}) {
    try {
      check();
      return { action, allowed: true, ...target };
    } catch (error) {
      if (!(error instanceof ApplicationFailure)) throw error;
      if (error.type === CASE_FAILURE.forbidden) return null;
      const { code } = refusalOf(error);
      return { action, allowed: false, ...(code ? { reason: code } : {}), ...target };
    }
  }
}

const isDone = (task: TaskRecord): boolean =>
  task.status === 'completed' || task.status === 'skipped';
