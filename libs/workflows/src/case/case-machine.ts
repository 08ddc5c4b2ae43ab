import { HolidayCalendar } from '@schakel/calendar';
import {
  CASE_FAILURE,
  type Actor,
  type AssignTaskInput,
  type CancelCaseInput,
  type CaseEventRecord,
  type CaseProjection,
  type CaseTransitionResult,
  type CaseWorkflowInput,
  type CaseWorkflowState,
  type CompleteTaskInput,
  type ReturnTaskInput,
  type TaskChange,
  type TaskOpening,
  type TaskUpdateInput,
} from '@schakel/contracts';
import {
  completeTask,
  returnTask,
  startCase,
  type RoutingResult,
  type TaskRecord,
} from '@schakel/reference-model/engine';
import { caseFailure, routed } from './case-failure';
import { taskDueDates } from './task-due-dates';

/** A decided change: the new state, what to write to the read side, and what to tell the caller. */
export interface Transition {
  state: CaseWorkflowState;
  projection: CaseProjection;
  result: CaseTransitionResult;
}

/**
 * The case's rules, free of Temporal: every `check*` throws a typed failure for a request that
 * must be refused (the Update validators call them), every action returns the transition to
 * apply. Deterministic — time comes in as an argument.
 */
export class CaseMachine {
  private readonly calendar = new HolidayCalendar({});

  constructor(
    private readonly input: CaseWorkflowInput,
    private state: CaseWorkflowState,
  ) {}

  /** The intake: opens the first tasks. */
  static open(
    input: CaseWorkflowInput,
    now: number,
  ): { machine: CaseMachine; transition: Transition } {
    const opened = routed(() =>
      startCase(input.model, {
        category: input.category,
        intensity: input.intensity,
        data: input.data,
      }),
    );
    const at = new Date(now).toISOString();
    const empty: CaseWorkflowState = {
      routing: opened.state,
      status: 'open',
      openedAt: at,
      holders: {},
      sequence: 0,
    };
    const machine = new CaseMachine(input, empty);
    const events = [machine.event('case.opened', now, input.openedBy, {})];
    return { machine, transition: machine.route(opened, now, input.openedBy, events, []) };
  }

  static resume(input: CaseWorkflowInput, state: CaseWorkflowState): CaseMachine {
    return new CaseMachine(input, state);
  }

  get current(): CaseWorkflowState {
    return this.state;
  }

  get isOpen(): boolean {
    return this.state.status === 'open';
  }

  apply(transition: Transition): void {
    this.state = transition.state;
  }

  // ---- claim, unclaim, assign: who holds the task, no routing ----

  checkClaim({ taskKey, actor }: TaskUpdateInput): void {
    this.heldTask(taskKey, actor);
    const assignee = this.state.holders[taskKey]?.assigneeId;
    if (assignee && assignee !== actor.userId) {
      throw caseFailure(CASE_FAILURE.conflict, `Task ${taskKey} is already claimed by a colleague`);
    }
  }

  claim(input: TaskUpdateInput, now: number): Transition {
    this.checkClaim(input);
    return this.hold(input.taskKey, input.actor.userId, now, input.actor, 'task.claimed');
  }

  checkUnclaim({ taskKey, actor }: TaskUpdateInput): void {
    this.heldTask(taskKey, actor);
    if (this.state.holders[taskKey]?.assigneeId !== actor.userId) {
      throw caseFailure(CASE_FAILURE.conflict, `Task ${taskKey} is not claimed by you`);
    }
  }

  unclaim(input: TaskUpdateInput, now: number): Transition {
    this.checkUnclaim(input);
    return this.hold(input.taskKey, null, now, input.actor, 'task.unclaimed');
  }

  checkAssign({ taskKey, actor, assignee }: AssignTaskInput): void {
    const task = this.heldTask(taskKey, actor);
    if (assignee.organisationId !== task.partnerId) {
      throw caseFailure(
        CASE_FAILURE.unprocessable,
        `The assignee is not a caseworker of ${task.partnerId}`,
        [
          {
            field: 'assigneeId',
            code: 'not-a-colleague',
            message: `must be a caseworker of ${task.partnerId}`,
          },
        ],
      );
    }
  }

  assign(input: AssignTaskInput, now: number): Transition {
    this.checkAssign(input);
    return this.hold(input.taskKey, input.assignee.userId, now, input.actor, 'task.assigned');
  }

  // ---- complete and return: the case moves on ----

  checkComplete(input: CompleteTaskInput): void {
    this.checkClaim(input);
    routed(() => completeTask(this.input.model, this.state.routing, input));
  }

  complete(input: CompleteTaskInput, now: number): Transition {
    this.checkClaim(input);
    const result = routed(() => completeTask(this.input.model, this.state.routing, input));
    const task = this.routingTask(input.taskKey);
    const events = [
      this.event(
        'task.completed',
        now,
        input.actor,
        { outcome: input.outcome, data: input.data },
        task,
      ),
    ];
    const changed: TaskChange[] = [
      this.closeChange(input.taskKey, 'completed', now, input.actor.userId, input.outcome),
    ];
    return this.route(result, now, input.actor, events, changed);
  }

  checkReturn(input: ReturnTaskInput): void {
    this.checkClaim(input);
    routed(() => returnTask(this.input.model, this.state.routing, input));
  }

  return(input: ReturnTaskInput, now: number): Transition {
    this.checkClaim(input);
    const result = routed(() => returnTask(this.input.model, this.state.routing, input));
    const task = this.routingTask(input.taskKey);
    const events = [
      this.event(
        'task.returned',
        now,
        input.actor,
        { reason: input.reason, handedOverBy: task.handedOverBy },
        task,
      ),
    ];
    const changed = [this.closeChange(input.taskKey, 'returned', now, input.actor.userId)];
    return this.route(result, now, input.actor, events, changed);
  }

  // ---- the regisseur ----

  checkCancel({ actor }: CancelCaseInput): void {
    if (actor.role !== 'regisseur') {
      throw caseFailure(CASE_FAILURE.forbidden, 'Only the regisseur may cancel a case');
    }
    if (!this.isOpen)
      throw caseFailure(CASE_FAILURE.conflict, `The case is already ${this.state.status}`);
  }

  cancel(input: CancelCaseInput, now: number): Transition {
    this.checkCancel(input);
    const at = new Date(now).toISOString();
    const open = this.state.routing.tasks.filter((task) => task.status === 'open');
    const routing = {
      ...this.state.routing,
      tasks: this.state.routing.tasks.map((task) =>
        task.status === 'open' ? { ...task, status: 'cancelled' as const } : task,
      ),
    };
    const events: CaseEventRecord[] = open.map((task) =>
      this.event('task.cancelled', now, input.actor, { reason: input.reason }, task),
    );
    events.push(this.event('case.cancelled', now, input.actor, { reason: input.reason }));
    const holders = { ...this.state.holders };
    for (const task of open) holders[task.taskKey] = { ...holders[task.taskKey], closedAt: at };
    const state: CaseWorkflowState = { ...this.state, routing, holders, status: 'cancelled' };
    return {
      state,
      projection: this.projection(
        state,
        events,
        [],
        open.map((task) => this.closeChange(task.taskKey, 'cancelled', now)),
        at,
      ),
      result: { opened: [], closed: open.map((task) => task.taskKey), status: 'cancelled' },
    };
  }

  // ---- internals ----

  /** The task exists, is open, and the actor is a caseworker of the organisation holding it. */
  private heldTask(taskKey: string, actor: Actor): TaskRecord {
    if (!this.isOpen) throw caseFailure(CASE_FAILURE.conflict, `The case is ${this.state.status}`);
    const task = this.state.routing.tasks.find((candidate) => candidate.taskKey === taskKey);
    if (!task)
      throw caseFailure(CASE_FAILURE.notFound, `Task ${taskKey} does not exist in this case`);
    if (actor.role !== 'caseworker' || actor.organisationId !== task.partnerId) {
      throw caseFailure(
        CASE_FAILURE.forbidden,
        `Task ${taskKey} is held by ${task.partnerId}, not by your organisation`,
      );
    }
    if (task.status !== 'open')
      throw caseFailure(CASE_FAILURE.conflict, `Task ${taskKey} is ${task.status}, not open`);
    return task;
  }

  private routingTask(taskKey: string): TaskRecord {
    return this.state.routing.tasks.find((task) => task.taskKey === taskKey) as TaskRecord;
  }

  private hold(
    taskKey: string,
    assigneeId: string | null,
    now: number,
    actor: Actor,
    type: 'task.claimed' | 'task.unclaimed' | 'task.assigned',
  ): Transition {
    const at = new Date(now).toISOString();
    const holder = this.state.holders[taskKey];
    if (holder.assigneeId === assigneeId) {
      return {
        state: this.state,
        projection: this.projection(this.state, [], [], [], undefined),
        result: this.unchanged(),
      };
    }
    const claimedAt = assigneeId ? (holder.claimedAt ?? at) : null;
    const events = [this.event(type, now, actor, { assigneeId }, this.routingTask(taskKey))];
    const state: CaseWorkflowState = {
      ...this.state,
      holders: { ...this.state.holders, [taskKey]: { ...holder, assigneeId, claimedAt } },
    };
    const changed: TaskChange[] = [{ taskKey, assigneeId, claimedAt }];
    return {
      state,
      projection: this.projection(state, events, [], changed, undefined),
      result: this.unchanged(),
    };
  }

  private unchanged(): CaseTransitionResult {
    return { opened: [], closed: [], status: this.state.status };
  }

  private closeChange(
    taskKey: string,
    status: 'completed' | 'returned' | 'cancelled',
    now: number,
    completedBy?: string,
    outcome?: string,
  ): TaskChange {
    const at = new Date(now).toISOString();
    const holder = this.state.holders[taskKey];
    const claimedAt = holder?.claimedAt ?? (completedBy ? at : null);
    return {
      taskKey,
      status,
      closedAt: at,
      claimedAt,
      ...(completedBy && !holder?.assigneeId ? { assigneeId: completedBy } : {}),
      ...(outcome ? { outcome } : {}),
    };
  }

  /** Applies a routing result: closes what it closed, opens what it opened, ends the case if it ended. */
  private route(
    result: RoutingResult,
    now: number,
    actor: Actor,
    events: CaseEventRecord[],
    changed: TaskChange[],
  ): Transition {
    const at = new Date(now).toISOString();
    const holders = { ...this.state.holders };
    for (const key of changed.map((change) => change.taskKey)) {
      holders[key] = { ...holders[key], closedAt: at, claimedAt: holders[key].claimedAt ?? at };
    }
    for (const key of result.closed) {
      holders[key] = { ...holders[key], closedAt: at };
      changed.push({ taskKey: key, status: 'cancelled', closedAt: at });
      events.push(this.event('task.cancelled', now, actor, {}, this.routingTaskIn(result, key)));
    }
    const opened: TaskOpening[] = result.opened.map((task) => {
      holders[task.taskKey] = { assigneeId: null, openedAt: at, claimedAt: null, closedAt: null };
      events.push(
        this.event(
          'task.opened',
          now,
          actor,
          { handedOverBy: task.handedOverBy, iteration: task.iteration },
          task,
        ),
      );
      const step = this.input.model.steps.find((candidate) => candidate.id === task.stepId);
      return {
        taskKey: task.taskKey,
        stepId: task.stepId,
        stepName: step?.name ?? task.stepId,
        partnerId: task.partnerId,
        iteration: task.iteration,
        handedOverBy: task.handedOverBy,
        openedAt: at,
        ...taskDueDates(
          this.input.model,
          task.stepId,
          result.state.intensity,
          {
            caseOpenedAt: Date.parse(this.state.openedAt),
            taskOpenedAt: now,
            taskClaimedAt: null,
            stepCompletedAt: (stepId) => this.lastCompletion(holders, result, stepId),
          },
          this.calendar,
        ),
      };
    });
    const status = result.ended ? 'closed' : 'open';
    if (result.ended) {
      events.push(
        this.event('case.closed', now, actor, {
          endId: result.ended.endId,
          result: result.ended.result,
          exitReason: result.ended.exitReason,
        }),
      );
    }
    const state: CaseWorkflowState = { ...this.state, routing: result.state, holders, status };
    return {
      state,
      projection: this.projection(state, events, opened, changed, result.ended ? at : undefined),
      result: {
        opened: result.opened.map(({ taskKey, stepId, partnerId }) => ({
          taskKey,
          stepId,
          partnerId,
        })),
        closed: result.closed,
        ...(result.ended ? { ended: result.ended } : {}),
        status,
      },
    };
  }

  private routingTaskIn(result: RoutingResult, taskKey: string): TaskRecord | undefined {
    return result.state.tasks.find((task) => task.taskKey === taskKey);
  }

  private lastCompletion(
    holders: CaseWorkflowState['holders'],
    result: RoutingResult,
    stepId: string,
  ): number | null {
    const completed = result.state.tasks.filter(
      (task) => task.stepId === stepId && task.status === 'completed',
    );
    const last = completed[completed.length - 1];
    const closedAt = last ? holders[last.taskKey]?.closedAt : null;
    return closedAt ? Date.parse(closedAt) : null;
  }

  private projection(
    state: CaseWorkflowState,
    events: CaseEventRecord[],
    opened: TaskOpening[],
    changed: TaskChange[],
    closedAt: string | undefined,
  ): CaseProjection {
    const openTasks = state.routing.tasks.filter((task) => task.status === 'open');
    return {
      caseId: this.input.caseId,
      chainId: this.input.chainId,
      modelVersion: this.input.modelVersion,
      events,
      opened,
      changed,
      caseChange: {
        status: state.status,
        data: state.routing.data,
        currentPartners: [...new Set(openTasks.map((task) => task.partnerId))].sort(),
        ...(state.routing.ended ? { end: state.routing.ended } : {}),
        ...(closedAt && state.status !== 'open' ? { closedAt } : {}),
      },
    };
  }

  /** Events are numbered in the order decided, so their ids are stable across retries and replays. */
  private event(
    type: CaseEventRecord['type'],
    now: number,
    actor: Actor | undefined,
    details: CaseEventRecord['details'],
    task?: { taskKey: string; stepId: string; partnerId: string },
  ): CaseEventRecord {
    this.state = { ...this.state, sequence: this.state.sequence + 1 };
    return {
      eventId: `${this.input.caseId}:${this.state.sequence}`,
      type,
      ...(task ? { taskKey: task.taskKey, stepId: task.stepId, partnerId: task.partnerId } : {}),
      ...(actor ? { actor } : {}),
      occurredAt: new Date(now).toISOString(),
      details,
    };
  }
}
