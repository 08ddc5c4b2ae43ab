import type { ApplicationFailure } from '@temporalio/common';
import { HolidayCalendar } from '@schakel/calendar';
import {
  CASE_FAILURE,
  type Actor,
  type AssignTaskInput,
  type CancelCaseInput,
  type CaseEventRecord,
  type CaseMigrationView,
  type CaseOpening,
  type CaseProjection,
  type CaseTransitionResult,
  type CaseWorkflowInput,
  type CaseWorkflowState,
  type ClockChange,
  type CompleteTaskInput,
  type EscalationState,
  type MigrateCaseInput,
  type NotificationEvent,
  type RegisseurActionInput,
  type ReturnTaskInput,
  type TaskClocks,
  type TaskUpdateInput,
  type UnclaimTaskInput,
} from '@schakel/contracts';
import {
  assertContributionsIn,
  assertReturnable,
  completeTask,
  effectiveNorms,
  returnTask,
  startCase,
  type ReferenceModel,
  type RoutingResult,
  type RoutingState,
  type TaskRecord,
} from '@schakel/reference-model/engine';
import { caseFailure, refuseNonText, routed } from './case-failure';
import {
  escalate,
  moveEscalation,
  resolveAllEscalations,
  resolveEscalation,
} from './case-escalations';
import { applyRegisseurAction, type CaseOperations, type ClockSubject } from './regisseur-actions';
import { Work, type CancelReason, type TaskRef } from './transition-work';
import { taskClocksUnderModel } from './case-clocks';
import { startCaseNorm, signalCaseNorm, stopCaseNorm } from './case-norm-clock';
import { iso, writeCaseClocks, writeTaskClocks } from './clock-columns';
import { followDates } from './date-moves';
import { writeWholeState } from './read-side';
import { climb } from './escalation-ladder';
import { raiseStallIfDue, stallDueAt } from './case-stall';
import { dueSignals, nextSignalAt, readClocks, type ClockSignal } from './task-clocks';
import {
  applyMigration,
  decideMigration,
  migratedInput,
  refusedMigration,
  type MigrationSubject,
} from './case-migration';

const DEFAULT_WARNING_FRACTION = 0.75;

/**
 * The kinds added when notifications began to follow the work. Cases started before leave them
 * out, so each of their transitions notifies (and runs the notify activity) exactly when it did.
 */
const NOTIFICATION_KINDS_SINCE_FOLLOWING_WORK: ReadonlySet<NotificationEvent['kind']> = new Set([
  'task.opened',
  'task.cancelled',
  'escalation.de-escalated',
  'case.closed',
]);

/** A decided change: the new state, what to write to the read side, whom to tell, what to answer. */
export interface Transition {
  state: CaseWorkflowState;
  /** Partners holding an open task after the transition. */
  currentPartners: string[];
  /** Rows, events and notifications (outbox) for the read side: one transaction. */
  projection: CaseProjection;
  result: CaseTransitionResult;
  /** Set by a migration: the input (model version and snapshot) the case runs on from now. */
  runsOn?: CaseWorkflowInput;
}

/**
 * The case's rules, free of Temporal: every `check*` throws a typed failure for a request that
 * must be refused (the Update validators call them), every action returns the transition to
 * apply. Deterministic — time comes in as an argument.
 */
export class CaseMachine implements CaseOperations {
  readonly calendar: HolidayCalendar;
  private readonly warningFraction: number;

  constructor(
    private input: CaseWorkflowInput,
    private state: CaseWorkflowState,
  ) {
    this.calendar = new HolidayCalendar({ extraDays: input.extraHolidays ?? {} });
    this.warningFraction = input.warningFraction ?? DEFAULT_WARNING_FRACTION;
  }

  get model(): ReferenceModel {
    return this.input.model;
  }

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
    const empty: CaseWorkflowState = {
      routing: opened.state,
      status: 'open',
      openedAt: new Date(now).toISOString(),
      holders: {},
      sequence: 0,
      clocks: {},
      escalations: [],
    };
    const machine = new CaseMachine(input, empty);
    const work = machine.begin(now);
    work.record('case.opened', input.openedBy, {});
    machine.route(work, opened, input.openedBy);
    if (input.enforcesCaseNorm) startCaseNorm(work, input.model, machine.calendar);
    const transition = machine.finish(work);
    machine.apply(transition);
    return { machine, transition };
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

  /** The input the case runs on now: what continue-as-new carries over. */
  get runsOn(): CaseWorkflowInput {
    return this.input;
  }

  apply(transition: Transition): void {
    this.state = transition.state;
    if (transition.runsOn) this.input = transition.runsOn;
  }

  // ---- claim, unclaim, assign: who holds the task ----

  checkClaim(input: TaskUpdateInput): void {
    refuseNonText(input);
    const { taskKey, actor } = input;
    this.heldTask(taskKey, actor);
    const assignee = this.state.holders[taskKey]?.assigneeId;
    if (assignee && assignee !== actor.userId) {
      throw caseFailure(
        CASE_FAILURE.conflict,
        'claimed-by-colleague',
        `Task ${taskKey} is already claimed by a colleague`,
      );
    }
  }

  claim(input: TaskUpdateInput, now: number): Transition {
    this.checkClaim(input);
    return this.hold(input.taskKey, input.actor.userId, now, input.actor, 'task.claimed');
  }

  checkUnclaim(input: TaskUpdateInput): void {
    refuseNonText(input);
    const { taskKey, actor } = input;
    this.heldTask(taskKey, actor);
    if (this.state.holders[taskKey]?.assigneeId !== actor.userId) {
      throw caseFailure(
        CASE_FAILURE.conflict,
        'not-claimed-by-you',
        `Task ${taskKey} is not claimed by you`,
      );
    }
  }

  /** A release at the holder's deactivation names the platform (`systemActor`), not the holder. */
  unclaim(input: UnclaimTaskInput, now: number): Transition {
    this.checkUnclaim(input);
    const { systemActor } = input;
    return systemActor
      ? this.hold(input.taskKey, null, now, undefined, 'task.unclaimed', { systemActor })
      : this.hold(input.taskKey, null, now, input.actor, 'task.unclaimed');
  }

  checkAssign(input: AssignTaskInput): void {
    const task = this.checkMayAssign(input);
    this.checkColleague(task, input.assignee);
  }

  /** Whether the actor may assign the task at all, before a colleague is named. */
  checkMayAssign(input: TaskUpdateInput): TaskRecord {
    refuseNonText(input);
    return this.heldTask(input.taskKey, input.actor);
  }

  assign(input: AssignTaskInput, now: number): Transition {
    this.checkAssign(input);
    return this.hold(input.taskKey, input.assignee.userId, now, input.actor, 'task.assigned');
  }

  // ---- complete and return: the case moves on ----

  /** The routing a complete would cause, or the typed refusal. */
  checkComplete(input: CompleteTaskInput): RoutingResult {
    this.checkMayComplete(input);
    return routed(() => completeTask(this.input.model, this.state.routing, input));
  }

  /** Whether the actor may complete the task now, whatever outcome and data they will send. */
  checkMayComplete(input: TaskUpdateInput): void {
    this.checkClaim(input);
    const task = this.routingTask(input.taskKey);
    routed(() => assertContributionsIn(this.state.routing, task));
  }

  complete(input: CompleteTaskInput, now: number): Transition {
    const result = this.checkComplete(input);
    const work = this.begin(now);
    const task = this.routingTask(input.taskKey);
    work.record('task.completed', input.actor, { outcome: input.outcome, data: input.data }, task);
    this.close(work, input.taskKey, 'completed', input.actor.userId, input.outcome);
    this.route(work, result, input.actor);
    return this.finish(work);
  }

  /** The routing a return would cause, or the typed refusal. */
  checkReturn(input: ReturnTaskInput): RoutingResult {
    this.checkMayReturn(input);
    this.checkReturnCategory(input);
    return routed(() => returnTask(this.input.model, this.state.routing, input));
  }

  /** Whether the actor may return the task's handover now, whatever reason they will give. */
  checkMayReturn(input: TaskUpdateInput): void {
    this.checkClaim(input);
    const task = this.routingTask(input.taskKey);
    routed(() => assertReturnable(task));
  }

  /** A return's category must be one the step declares; a step without categories takes none. */
  private checkReturnCategory({ taskKey, category }: ReturnTaskInput): void {
    if (category === undefined) return;
    const stepId = this.routingTask(taskKey).stepId;
    const declared = (this.model.steps.find((step) => step.id === stepId)?.returnReasons ?? []).map(
      (reason) => reason.id,
    );
    if (!declared.includes(category)) {
      throw caseFailure(
        CASE_FAILURE.unprocessable,
        'unknown-return-category',
        `Unknown return category '${category}'`,
        [
          {
            field: 'category',
            code: 'unknown-category',
            message: declared.length
              ? `must be one of ${declared.join(', ')}`
              : `step ${stepId} declares no return categories`,
          },
        ],
      );
    }
  }

  return(input: ReturnTaskInput, now: number): Transition {
    const result = this.checkReturn(input);
    const work = this.begin(now);
    const task = this.routingTask(input.taskKey);
    // The reason is for the partners on both ends of this handover (issue 12).
    const ends = [task.partnerId, ...result.opened.map((opened) => opened.partnerId)];
    work.record(
      'task.returned',
      input.actor,
      {
        reason: input.reason,
        ...(input.category ? { reasonCategory: input.category } : {}),
        audience: { organisations: [...new Set(ends)], regisseur: false },
        handedOverBy: task.handedOverBy,
      },
      task,
    );
    this.close(work, input.taskKey, 'returned', input.actor.userId);
    this.route(work, result, input.actor, 'task.returned');
    if (result.returnLimitExceeded)
      escalate(work, this.model, this.calendar, 'returned-repeatedly', task);
    return this.finish(work);
  }

  // ---- migration to a later model version (issue 16; the rules are in case-migration.ts) ----

  /** The Update's validator: refuses what `migrate` would refuse, changing nothing. */
  checkMigration(request: MigrateCaseInput, now: number): void {
    this.migrate(request, now);
  }

  /**
   * Decided by a machine on the new version, so the tasks it opens get that version's norms; the
   * transition carries the new input, which the case runs on once it is applied.
   */
  migrate(
    request: MigrateCaseInput,
    now: number,
  ): { transition: Transition; view: CaseMigrationView } {
    const decision = decideMigration(this.migrationSubject, request);
    if (decision.kind !== 'migrate') {
      return { transition: this.finish(this.begin(now)), view: decision.view };
    }
    const successor = new CaseMachine(migratedInput(this.input, request), this.state);
    const work = successor.begin(now);
    const tasks = applyMigration(successor, work, request, decision.routing, this.warningFraction);
    return {
      transition: { ...successor.finish(work, true), runsOn: successor.input },
      view: {
        caseId: this.input.caseId,
        outcome: 'migrated',
        fromVersion: this.input.modelVersion,
        toVersion: request.toVersion,
        problems: [],
        tasks,
      },
    };
  }

  /** The dry run: what migrating now would do to each task, or why the case cannot migrate. */
  previewMigration(request: MigrateCaseInput, now: number): CaseMigrationView {
    try {
      const { transition, view } = this.migrate(request, now);
      return transition.runsOn ? { ...view, outcome: 'migratable' } : view;
    } catch (error) {
      return refusedMigration(this.migrationSubject, request, error);
    }
  }

  private get migrationSubject(): MigrationSubject {
    const { caseId, modelVersion, model } = this.input;
    return { caseId, modelVersion, model, state: this.state };
  }

  // ---- the reconciler's repair ----

  /** The whole current state as rows, no events: re-projected when the reconciler found drift. */
  resync(now: number): Transition {
    const work = this.begin(now);
    writeWholeState(work, this.model, this.calendar);
    return this.finish(work, true);
  }

  // ---- clocks: the workflow sleeps until the next deadline, then fires what is due ----

  /** The earliest instant at which a clock or an escalation's time box needs attention, or null. */
  nextDeadline(now: number): number | null {
    if (!this.isOpen) return null;
    const instants: number[] = [];
    for (const task of this.openTasks()) {
      const clocks = this.state.clocks[task.taskKey];
      if (!clocks) continue;
      const at = nextSignalAt(
        clocks,
        this.isClaimed(task.taskKey),
        now,
        this.calendar,
        this.warningFraction,
      );
      if (at !== null) instants.push(at);
    }
    const { caseClocks } = this.state;
    if (caseClocks) {
      const at = nextSignalAt(caseClocks, true, now, this.calendar, this.warningFraction);
      if (at !== null) instants.push(at);
    }
    for (const escalation of this.state.escalations) {
      if (escalation.status === 'open' && escalation.levelDueAt !== null)
        instants.push(escalation.levelDueAt);
    }
    const stall = this.waitingDeliberately(now)
      ? null
      : stallDueAt(this.input.model, this.state, this.calendar);
    if (stall !== null) instants.push(stall);
    return instants.length ? Math.min(...instants) : null;
  }

  /** Early warnings, overdue reminders, new escalations and ladder climbs due at `now`. */
  fire(now: number): Transition {
    const work = this.begin(now);
    for (const task of this.openTasks()) {
      const clocks = work.state.clocks[task.taskKey];
      if (!clocks) continue;
      for (const signal of dueSignals(
        clocks,
        this.isClaimed(task.taskKey),
        now,
        this.calendar,
        this.warningFraction,
      )) {
        this.signal(work, task, clocks, signal);
      }
    }
    const { caseClocks } = work.state;
    if (caseClocks) {
      for (const signal of dueSignals(caseClocks, true, now, this.calendar, this.warningFraction))
        signalCaseNorm(work, this.model, this.calendar, caseClocks, signal);
    }
    for (const escalation of work.state.escalations) {
      if (
        escalation.status !== 'open' ||
        escalation.levelDueAt === null ||
        escalation.levelDueAt > now
      )
        continue;
      const higher = climb(this.input.model, escalation, now, this.calendar);
      if (higher)
        moveEscalation(
          work,
          escalation,
          higher,
          'escalation.level-up',
          undefined,
          'Time box of the level passed',
        );
      else escalation.levelDueAt = null;
    }
    if (!this.waitingDeliberately(now))
      raiseStallIfDue(work, this.input.model, this.calendar, this.openTasks()[0]);
    return this.finish(work);
  }

  // ---- the regisseur ----

  checkCancel(input: CancelCaseInput): void {
    refuseNonText(input);
    this.requireRegisseur(input.actor);
    if (!this.isOpen) throw this.notOpen(`The case is already ${this.state.status}`);
  }

  cancel(input: CancelCaseInput, now: number): Transition {
    this.checkCancel(input);
    const work = this.begin(now);
    this.closeAllOpen(work, input.actor, input.reason);
    work.state.status = 'cancelled';
    work.record('case.cancelled', input.actor, { reason: input.reason });
    work.notifyCaseEnded();
    resolveAllEscalations(work, input.actor, `Case cancelled: ${input.reason}`);
    work.addressReasons(this.casePartners());
    return this.finish(work);
  }

  /** Validates a regisseur action against the current state without changing anything. */
  checkAction(input: RegisseurActionInput, now: number): void {
    refuseNonText(input);
    this.act(input, now);
  }

  act(input: RegisseurActionInput, now: number): Transition {
    if (input.action === 'disagree') return this.disagree(input, input.taskKey, now);
    this.requireRegisseur(input.actor);
    if (!input.reason?.trim()) {
      throw caseFailure(
        CASE_FAILURE.unprocessable,
        'reason-required',
        'Every regisseur action needs a reason',
        [{ field: 'reason', code: 'required-missing', message: 'is required' }],
      );
    }
    if (!this.isOpen && input.action !== 'resolve' && input.action !== 'record-agreement') {
      throw this.notOpen(`The case is ${this.state.status}`);
    }
    const work = this.begin(now);
    applyRegisseurAction(this, work, input);
    work.addressReasons(this.casePartners());
    return this.finish(work);
  }

  /**
   * A caseworker of the partner holding a task (open or done) disagrees with another partner about
   * it: a `partners-disagree` escalation with the reason, into the regisseur's queue.
   */
  private disagree(input: RegisseurActionInput, taskKey: string, now: number): Transition {
    if (!input.reason?.trim()) {
      throw caseFailure(
        CASE_FAILURE.unprocessable,
        'reason-required',
        'A disagreement needs a reason',
        [{ field: 'reason', code: 'required-missing', message: 'is required' }],
      );
    }
    if (!this.isOpen) throw this.notOpen(`The case is ${this.state.status}`);
    const task = this.routingTask(taskKey);
    if (!task)
      throw caseFailure(CASE_FAILURE.notFound, 'task-not-found', `Task ${taskKey} does not exist`);
    if (input.actor.role !== 'caseworker' || input.actor.organisationId !== task.partnerId) {
      throw caseFailure(
        CASE_FAILURE.forbidden,
        'not-your-organisation',
        `Task ${taskKey} is held by ${task.partnerId}, not by your organisation`,
      );
    }
    const work = this.begin(now);
    escalate(work, this.input.model, this.calendar, 'partners-disagree', task, {
      actor: input.actor,
      reason: input.reason,
    });
    return this.finish(work);
  }

  // ---- internals: checks ----

  /** The case has ended (closed at an end, or cancelled): a conflict saying which. */
  private notOpen(message: string): ApplicationFailure {
    return caseFailure(
      CASE_FAILURE.conflict,
      this.state.status === 'cancelled' ? 'case-cancelled' : 'case-closed',
      message,
    );
  }

  private requireRegisseur(actor: Actor): void {
    if (actor.role !== 'regisseur')
      throw caseFailure(CASE_FAILURE.forbidden, 'regisseur-only', 'Only the regisseur may do this');
  }

  /** The task exists, is open, and the actor is a caseworker of the organisation holding it. */
  private heldTask(taskKey: string, actor: Actor): TaskRecord {
    // Whose work it is comes first: the regisseur is never offered a caseworker's action.
    if (actor.role !== 'caseworker')
      throw caseFailure(
        CASE_FAILURE.forbidden,
        'not-your-organisation',
        'Only caseworkers do this',
      );
    const task = this.openRoutingTask(taskKey);
    if (actor.organisationId !== task.partnerId) {
      throw caseFailure(
        CASE_FAILURE.forbidden,
        'not-your-organisation',
        `Task ${taskKey} is held by ${task.partnerId}, not by your organisation`,
      );
    }
    return task;
  }

  openRoutingTask(taskKey: string): TaskRecord {
    if (!this.isOpen) throw this.notOpen(`The case is ${this.state.status}`);
    const task = this.state.routing.tasks.find((candidate) => candidate.taskKey === taskKey);
    if (!task)
      throw caseFailure(
        CASE_FAILURE.notFound,
        'task-not-found',
        `Task ${taskKey} does not exist in this case`,
      );
    if (task.status !== 'open')
      throw caseFailure(
        CASE_FAILURE.conflict,
        `task-${task.status}` as const,
        `Task ${taskKey} is ${task.status}, not open`,
      );
    return task;
  }

  checkColleague(task: TaskRef, assignee: { organisationId: string | null }): void {
    if (assignee.organisationId !== task.partnerId) {
      throw caseFailure(
        CASE_FAILURE.unprocessable,
        'not-a-colleague',
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

  clockSubject(work: Work, actor: Actor, taskKey: string | undefined): ClockSubject {
    const { intensity } = work.state.routing;
    if (taskKey !== undefined) {
      const task = this.openRoutingTask(taskKey);
      return {
        name: `step ${task.stepId}`,
        terms: effectiveNorms(this.model, task.stepId, intensity),
        clocks: work.state.clocks[task.taskKey],
        save: (clocks, columns) => {
          work.state.clocks[task.taskKey] = clocks;
          this.writeClocks(work, task.taskKey, columns);
        },
        record: (change, details) => work.record(`task.${change}`, actor, details, task),
      };
    }
    return {
      name: 'the case',
      // Only a case that runs its norm has clocks to act on.
      terms: work.state.caseClocks && effectiveNorms(this.model, undefined, intensity),
      clocks: work.state.caseClocks,
      save: (clocks, columns) => {
        work.state.caseClocks = clocks;
        writeCaseClocks(work, this.calendar, columns);
      },
      record: (change, details) => work.record(`case.${change}`, actor, details),
    };
  }

  openEscalation(work: Work, id: string): EscalationState {
    const escalation = work.state.escalations.find((candidate) => candidate.id === id);
    if (!escalation)
      throw caseFailure(
        CASE_FAILURE.notFound,
        'escalation-not-found',
        `Escalation ${id} does not belong to this case`,
      );
    if (escalation.status !== 'open')
      throw caseFailure(
        CASE_FAILURE.conflict,
        'escalation-resolved',
        `Escalation ${id} is already resolved`,
      );
    return escalation;
  }

  /** Every partner that has held a task in this case. */
  private casePartners(): string[] {
    return [...new Set(this.state.routing.tasks.map((task) => task.partnerId))];
  }

  private routingTask(taskKey: string): TaskRecord {
    return this.state.routing.tasks.find((task) => task.taskKey === taskKey) as TaskRecord;
  }

  private openTasks(): TaskRecord[] {
    return this.state.routing.tasks.filter((task) => task.status === 'open');
  }

  /** Every open task's clock is suspended (waiting for the client or a partner): not a stall. */
  private waitingDeliberately(now: number): boolean {
    return this.openTasks().every((task) => this.isSuspended(task.taskKey, now));
  }

  /** Whether the task's clocks are suspended now. */
  isSuspended(taskKey: string, now: number): boolean {
    const clocks = this.state.clocks[taskKey];
    return clocks !== undefined && readClocks(clocks, now, this.calendar).suspended;
  }

  private isClaimed(taskKey: string): boolean {
    return Boolean(this.state.holders[taskKey]?.assigneeId);
  }

  // ---- internals: building a transition ----

  private begin(now: number): Work {
    return new Work(
      this.input.caseId,
      this.input.chainId,
      JSON.parse(JSON.stringify(this.state)) as CaseWorkflowState,
      now,
    );
  }

  private hold(
    taskKey: string,
    assigneeId: string | null,
    now: number,
    actor: Actor | undefined,
    type: 'task.claimed' | 'task.unclaimed' | 'task.assigned',
    details: CaseEventRecord['details'] = {},
  ): Transition {
    const work = this.begin(now);
    const holder = work.state.holders[taskKey];
    if (holder.assigneeId === assigneeId) return this.finish(work);
    const claimedAt = assigneeId ? (holder.claimedAt ?? work.at) : null;
    work.state.holders[taskKey] = { ...holder, assigneeId, claimedAt };
    work.change({ taskKey, assigneeId, claimedAt });
    const task = this.routingTask(taskKey);
    work.record(type, actor, { assigneeId, ...details }, task);
    if (type === 'task.assigned' && assigneeId) {
      work.notifyTask({
        kind: 'task.assigned',
        task,
        userIds: [assigneeId],
        title: 'Taak aan u toegewezen',
        body: `Stap ${task.stepId}`,
      });
    }
    if (assigneeId) this.startClaimClocks(work, task);
    return this.finish(work);
  }

  /** Norms that start at the claim get their clocks now. */
  private startClaimClocks(work: Work, task: TaskRecord): void {
    const terms = effectiveNorms(this.input.model, task.stepId, work.state.routing.intensity);
    const clocks = work.state.clocks[task.taskKey];
    if (terms?.startsAt !== 'taskClaimed' || !clocks || clocks.target) return;
    const started = taskClocksUnderModel(this.model, work.state, task.taskKey, this.calendar);
    work.state.clocks[task.taskKey] = { ...started, claimDueAt: clocks.claimDueAt };
    this.writeClocks(work, task.taskKey, {});
  }

  close(
    work: Work,
    taskKey: string,
    status: 'completed' | 'returned' | 'skipped' | 'cancelled',
    by?: string,
    outcome?: string,
  ): void {
    const holder = work.state.holders[taskKey];
    const clocks = work.state.clocks[taskKey];
    const reading = clocks ? readClocks(clocks, work.now, this.calendar) : undefined;
    const claimedAt = holder?.claimedAt ?? (by ? work.at : null);
    work.state.holders[taskKey] = { ...holder, closedAt: work.at, claimedAt };
    delete work.state.clocks[taskKey];
    work.change({
      taskKey,
      status,
      closedAt: work.at,
      claimedAt,
      ...(by && !holder?.assigneeId ? { assigneeId: by } : {}),
      ...(outcome ? { outcome } : {}),
      // The due date the task closed against (KPIs judge a norm anchored to a date by it).
      ...(reading ? { dueAt: iso(reading.dueAt) } : {}),
      ...(reading?.suspended ? { suspendedSince: null, suspendedMs: reading.suspendedMs } : {}),
    });
    for (const escalation of work.state.escalations) {
      if (escalation.status === 'open' && escalation.taskKey === taskKey) {
        resolveEscalation(work, escalation, undefined, `Task ${status}`);
      }
    }
  }

  closeAllOpen(work: Work, actor: Actor, reason: string): void {
    for (const task of work.state.routing.tasks) {
      if (task.status !== 'open') continue;
      task.status = 'cancelled';
      work.record('task.cancelled', actor, { reason }, task);
      this.notifyCancelled(work, task, 'case-ended');
      this.close(work, task.taskKey, 'cancelled');
      work.closedResult.push(task.taskKey);
    }
  }

  /** The organisation learns that a task it held is no longer its work. */
  notifyCancelled(work: Work, task: TaskRef, reason: CancelReason): void {
    work.notifyTask({
      kind: 'task.cancelled',
      task,
      title: 'Taak vervallen',
      body: `De taak voor stap ${task.stepId} is niet meer nodig.`,
      reason,
    });
  }

  /**
   * Applies a routing result: closes what it closed, opens what it opened, ends the case if it
   * ended. Every task opened notifies its organisation, as `openedAs` (a new task, or returned work).
   */
  route(
    work: Work,
    result: RoutingResult,
    actor: Actor,
    openedAs: 'task.opened' | 'task.returned' = 'task.opened',
  ): void {
    work.state.routing = result.state;
    work.state.movedAt = work.at; // a routing change ends a quiet period (case-stalled)
    for (const key of result.closed) {
      const closed = this.taskIn(result.state, key);
      work.record('task.cancelled', actor, {}, closed);
      if (closed) this.notifyCancelled(work, closed, result.ended ? 'case-ended' : 'rewound');
      this.close(work, key, 'cancelled');
    }
    for (const task of result.opened) {
      work.state.holders[task.taskKey] = {
        assigneeId: null,
        openedAt: work.at,
        claimedAt: null,
        closedAt: null,
      };
      work.record(
        'task.opened',
        actor,
        { handedOverBy: task.handedOverBy, iteration: task.iteration },
        task,
      );
      const clocks = taskClocksUnderModel(this.model, work.state, task.taskKey, this.calendar);
      work.state.clocks[task.taskKey] = clocks;
      const reading = readClocks(clocks, work.now, this.calendar);
      const step = this.input.model.steps.find((candidate) => candidate.id === task.stepId);
      work.notifyTask({
        kind: openedAs,
        task,
        title:
          openedAs === 'task.returned'
            ? `Overdracht teruggestuurd: ${step?.name ?? task.stepId}`
            : `Nieuwe taak: ${step?.name ?? task.stepId}`,
        body:
          openedAs === 'task.returned'
            ? 'Een overdracht is teruggestuurd en wacht weer op uw organisatie.'
            : 'Een overdracht wacht op uw organisatie.',
        dueAt: iso(reading.dueAt),
      });
      work.opened.push({
        taskKey: task.taskKey,
        stepId: task.stepId,
        stepName: step?.name ?? task.stepId,
        partnerId: task.partnerId,
        iteration: task.iteration,
        handedOverBy: task.handedOverBy,
        openedAt: work.at,
        dueAt: iso(reading.dueAt),
        escalationAt: iso(reading.escalationAt),
      });
    }
    work.opensResult.push(
      ...result.opened.map(({ taskKey, stepId, partnerId }) => ({ taskKey, stepId, partnerId })),
    );
    work.closedResult.push(...result.closed);
    if (result.ended) {
      work.state.status = 'closed';
      const { endId, result: outcome, exitReason } = result.ended;
      work.record('case.closed', actor, { endId, result: outcome, exitReason });
      work.notifyCaseEnded();
      resolveAllEscalations(work, actor, `Case ended at ${endId}`);
    }
  }

  private taskIn(routing: RoutingState, taskKey: string): TaskRecord | undefined {
    return routing.tasks.find((task) => task.taskKey === taskKey);
  }

  /** Writes a task's current due dates (and any extra columns) to the read side. */
  private writeClocks(work: Work, taskKey: string, extra: ClockChange): void {
    writeTaskClocks(work, taskKey, this.calendar, extra);
  }

  private signal(work: Work, task: TaskRecord, clocks: TaskClocks, signal: ClockSignal): void {
    const assignee = work.state.holders[task.taskKey]?.assigneeId;
    const userIds = assignee ? [assignee] : undefined;
    const due = iso(readClocks(clocks, work.now, this.calendar).dueAt);
    switch (signal) {
      case 'warning':
        clocks.warned = true;
        work.change({ taskKey: task.taskKey, warnedAt: work.at });
        work.record('task.warning', undefined, { dueAt: due ?? undefined }, task);
        work.notifyTask({
          kind: 'task.due-soon',
          task,
          userIds,
          title: 'Termijn loopt bijna af',
          body: `Uiterlijk ${due}`,
          dueAt: due,
        });
        break;
      case 'overdue':
        clocks.overdue = true;
        work.change({ taskKey: task.taskKey, overdueAt: work.at });
        work.record('task.overdue', undefined, { dueAt: due ?? undefined }, task);
        work.notifyTask({
          kind: 'task.overdue',
          task,
          userIds,
          title: 'Termijn overschreden',
          body: `De norm liep af op ${due}`,
          dueAt: due,
        });
        break;
      case 'escalation':
        clocks.escalated = true;
        escalate(work, this.model, this.calendar, 'norm-breached', task);
        break;
      case 'claim':
        clocks.claimEscalated = true;
        escalate(work, this.model, this.calendar, 'claim-overdue', task);
        break;
    }
  }

  private finish(work: Work, wholeCase = false): Transition {
    if (work.state.status === 'open')
      followDates(work, this.state.routing.data, this.model, this.calendar);
    else if (this.state.status === 'open') stopCaseNorm(work, this.calendar);
    const state = work.state;
    const currentPartners = partnersOf(state);
    const caseChanged =
      wholeCase ||
      state.status !== this.state.status ||
      currentPartners.join() !== partnersOf(this.state).join() ||
      JSON.stringify(state.routing.data) !== JSON.stringify(this.state.routing.data) ||
      this.state.sequence === 0;
    return {
      state,
      currentPartners,
      projection: {
        caseId: this.input.caseId,
        chainId: this.input.chainId,
        modelVersion: this.input.modelVersion,
        ...(this.state.sequence === 0 ? { opening: this.opening(work) } : {}),
        events: work.events,
        escalations: work.escalations,
        opened: work.opened,
        changed: work.changed,
        ...(work.caseClock ? { caseClock: work.caseClock } : {}),
        notifications: this.input.notifyFollowsWork
          ? work.notifications
          : work.notifications.filter(
              (event) => !NOTIFICATION_KINDS_SINCE_FOLLOWING_WORK.has(event.kind),
            ),
        ...(caseChanged
          ? {
              caseChange: {
                status: state.status,
                data: state.routing.data,
                currentPartners,
                ...(state.routing.ended ? { end: state.routing.ended } : {}),
                ...(state.status !== 'open' && this.state.status === 'open'
                  ? { closedAt: work.at }
                  : {}),
              },
            }
          : {}),
      },
      result: {
        opened: work.opensResult,
        closed: work.closedResult,
        ...(state.routing.ended ? { ended: state.routing.ended } : {}),
        status: state.status,
      },
    };
  }

  private opening(work: Work): CaseOpening {
    const { category, intensity, openedBy, intake } = this.input;
    return { ...intake, category, intensity, openedBy, openedAt: work.state.openedAt };
  }
}

function partnersOf(state: CaseWorkflowState): string[] {
  const open = state.routing.tasks.filter((task) => task.status === 'open');
  return [...new Set(open.map((task) => task.partnerId))].sort();
}
