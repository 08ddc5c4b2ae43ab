import { ApplicationFailure } from '@temporalio/common';
import { clockStatus, type HolidayCalendar, type NormClock } from '@schakel/calendar';
import {
  CASE_FAILURE,
  type CaseMigrationView,
  type CaseWorkflowInput,
  type CaseWorkflowState,
  type ClockSnapshot,
  type FailureProblem,
  type MigrateCaseInput,
  type TaskClocks,
  type TaskMigrationPlace,
  type TaskMigrationView,
} from '@schakel/contracts';
import {
  type OpenedTask,
  type ReferenceModel,
  type TaskRecord,
} from '@schakel/reference-model/engine';
import { migrateRouting, type RoutingMigration } from '@schakel/reference-model/migration';
import { escalationRow } from './case-escalations';
import { caseFailure, refuseNonText } from './case-failure';
import { caseClocksUnderModel, taskClocksUnderModel } from './case-clocks';
import type { CaseOperations } from './regisseur-actions';
import { iso, writeCaseClocks, writeTaskClocks } from './clock-columns';
import { readClocks } from './task-clocks';
import type { TaskRef, Work } from './transition-work';

/** The case as the migration finds it. */
export interface MigrationSubject {
  caseId: string;
  modelVersion: number;
  model: ReferenceModel;
  state: CaseWorkflowState;
}

export type MigrationDecision =
  /** This run migrated the case before: the same answer again, nothing changes. */
  | { kind: 'repeat'; view: CaseMigrationView }
  /** The case already runs on the target version: nothing to do. */
  | { kind: 'already'; view: CaseMigrationView }
  | { kind: 'migrate'; routing: RoutingMigration };

const view = (
  subject: MigrationSubject,
  request: MigrateCaseInput,
  outcome: CaseMigrationView['outcome'],
  tasks: TaskMigrationView[] = [],
  problems: FailureProblem[] = [],
): CaseMigrationView => ({
  caseId: subject.caseId,
  outcome,
  fromVersion: subject.modelVersion,
  toVersion: request.toVersion,
  problems,
  tasks,
});

/**
 * Whether the case can move to the request's version, as the Update's validator and handler (and
 * the dry run) decide it: a repeat of the same run answers as before; a closed case, or one on
 * another version than the plan's, is a conflict; a case the plan cannot carry (claimed work
 * changing hands, a join losing a branch...) is refused with the problems, and stays as it was.
 */
export function decideMigration(
  subject: MigrationSubject,
  request: MigrateCaseInput,
): MigrationDecision {
  refuseNonText({ migrationId: request.migrationId, reason: request.reason });
  const done = subject.state.migrations?.find(
    (record) => record.migrationId === request.migrationId,
  );
  if (done) {
    return {
      kind: 'repeat',
      view: { ...view(subject, request, 'migrated', done.tasks), fromVersion: done.fromVersion },
    };
  }
  if (subject.state.status !== 'open') {
    throw caseFailure(
      CASE_FAILURE.conflict,
      subject.state.status === 'cancelled' ? 'case-cancelled' : 'case-closed',
      `The case is ${subject.state.status}; only open cases migrate`,
    );
  }
  if (subject.modelVersion === request.toVersion) {
    return { kind: 'already', view: view(subject, request, 'already-migrated') };
  }
  if (subject.modelVersion !== request.fromVersion) {
    throw caseFailure(
      CASE_FAILURE.conflict,
      'wrong-model-version',
      `The case runs on version ${subject.modelVersion}, not on version ${request.fromVersion} the plan starts from`,
    );
  }
  const routing = migrateRouting(
    subject.model,
    request.model,
    request.mapping,
    subject.state.routing,
    {
      isClaimed: (taskKey) => Boolean(subject.state.holders[taskKey]?.assigneeId),
    },
  );
  if (routing.problems.length > 0) {
    throw caseFailure(
      CASE_FAILURE.unprocessable,
      'cannot-migrate',
      `The case cannot move to version ${request.toVersion}: ${routing.problems.map((p) => p.message).join('; ')}`,
      routing.problems.map(({ path, code, message }) => ({ field: path, code, message })),
    );
  }
  return { kind: 'migrate', routing };
}

/** The dry run's answer for a case that cannot migrate: the refusal's problems, or its reason. */
export function refusedMigration(
  subject: MigrationSubject,
  request: MigrateCaseInput,
  error: unknown,
): CaseMigrationView {
  if (!(error instanceof ApplicationFailure)) throw error;
  const problems = (error.details?.[0] ?? []) as FailureProblem[];
  return view(
    subject,
    request,
    'refused',
    [],
    problems.length ? problems : [{ code: error.type ?? 'refused', message: error.message }],
  );
}

/** What the migration needs of the case machine that runs on the new version. */
export type MigrationOperations = Pick<
  CaseOperations,
  'model' | 'calendar' | 'close' | 'notifyCancelled' | 'route'
>;

function place(
  task: TaskRef,
  clocks: TaskClocks | undefined,
  now: number,
  calendar: HolidayCalendar,
) {
  const reading = readClocks(clocks ?? {}, now, calendar);
  return {
    stepId: task.stepId,
    partnerId: task.partnerId,
    dueAt: iso(reading.dueAt),
    escalationAt: iso(reading.escalationAt),
    suspendedMs: reading.suspendedMs,
  } satisfies TaskMigrationPlace;
}

/**
 * A clock restarted under the new norm from the same start, so elapsed time is kept; its suspended
 * time is kept too. An extension the regisseur granted stays only while it is later than the new
 * norm's own due date: a migration never shortens what the regisseur granted, nor keeps it short.
 */
function carryClock(
  fresh: ClockSnapshot | undefined,
  previous: ClockSnapshot | undefined,
  now: number,
  calendar: HolidayCalendar,
): ClockSnapshot | undefined {
  if (!fresh) return undefined;
  const suspensions = (previous?.suspensions ?? [])
    .filter((pause) => (pause.to ?? Number.POSITIVE_INFINITY) > fresh.startedAt)
    .map((pause) => (pause.from < fresh.startedAt ? { ...pause, from: fresh.startedAt } : pause));
  const base: ClockSnapshot = { ...fresh, suspensions };
  const extensions = previous?.extensions ?? [];
  const granted = extensions[extensions.length - 1];
  if (!granted) return base;
  const due = clockStatus(base as NormClock, now, calendar).dueAt;
  return granted.dueAt > due ? { ...base, extensions } : base;
}

/**
 * Clocks under the new version's norm (a task's or the case norm's), carried over from the ones
 * before: same start, suspended time and a longer extension kept, signals that went out kept where
 * still due.
 */
function carriedClocks(
  fresh: TaskClocks,
  previous: TaskClocks | undefined,
  now: number,
  calendar: HolidayCalendar,
  warningFraction: number,
): TaskClocks {
  const target = carryClock(fresh.target, previous?.target, now, calendar);
  const escalation = carryClock(fresh.escalation, previous?.escalation, now, calendar);
  const status = target
    ? clockStatus(target as NormClock, now, calendar, { warningFraction })
    : undefined;
  const clocks: TaskClocks = {
    ...(target ? { target } : {}),
    ...(escalation ? { escalation } : {}),
    ...(fresh.claimDueAt !== undefined ? { claimDueAt: fresh.claimDueAt } : {}),
  };
  if (previous?.warned && status && status.warningAt <= now) clocks.warned = true;
  if (previous?.overdue && status && status.dueAt <= now) clocks.overdue = true;
  // An escalation already raised is not raised a second time.
  if (previous?.escalated) clocks.escalated = true;
  if (previous?.claimEscalated) clocks.claimEscalated = true;
  return clocks;
}

/**
 * The case norm's clock under the new version, on a case that runs it. A new version without a
 * case norm leaves the running clock as it was: the case was promised that lead time.
 */
function migrateCaseClocks(ops: MigrationOperations, work: Work, warningFraction: number): void {
  const previous = work.state.caseClocks;
  const fresh = previous && caseClocksUnderModel(ops.model, work.state, ops.calendar);
  if (!fresh) return;
  work.state.caseClocks = carriedClocks(fresh, previous, work.now, ops.calendar, warningFraction);
  writeCaseClocks(work, ops.calendar, {});
}

/**
 * Applies a decided migration to a transition of the machine on the new version: the case's
 * timeline says it moved (with the owner's reason for its partners and the regisseur), each open
 * task is cancelled, kept or moved (clocks recomputed, holder dropped when the partner changes,
 * its escalations following it), new tasks open as any other, and the partners concerned are told.
 */
export function applyMigration(
  ops: MigrationOperations,
  work: Work,
  request: MigrateCaseInput,
  routing: RoutingMigration,
  warningFraction: number,
): TaskMigrationView[] {
  const previous = work.state;
  const openBefore = new Map(
    previous.routing.tasks
      .filter((task) => task.status === 'open')
      .map((task) => [task.taskKey, task]),
  );
  const before = new Map(
    [...openBefore.values()].map((task) => [
      task.taskKey,
      place(task, previous.clocks[task.taskKey], work.now, ops.calendar),
    ]),
  );
  const versions = {
    migrationId: request.migrationId,
    fromVersion: request.fromVersion,
    toVersion: request.toVersion,
  };
  const partners = [...new Set(routing.state.tasks.map((task) => task.partnerId))].sort();
  work.record('case.migrated', request.actor, {
    ...versions,
    reason: request.reason,
    audience: { organisations: partners, regisseur: true },
  });
  work.state.routing = routing.state;
  const views: TaskMigrationView[] = [];
  for (const move of routing.tasks) {
    const old = openBefore.get(move.taskKey);
    if (move.action === 'cancelled' && old) {
      work.record('task.cancelled', request.actor, { migrationId: request.migrationId }, old);
      ops.notifyCancelled(work, old, 'migrated');
      ops.close(work, move.taskKey, 'cancelled');
      views.push({
        taskKey: move.taskKey,
        action: move.action,
        because: move.because,
        before: before.get(move.taskKey),
      });
    } else if (old) {
      const task = routing.state.tasks.find(
        (candidate) => candidate.taskKey === move.taskKey,
      ) as TaskRecord;
      views.push(
        moveTask(ops, work, request, task, old, warningFraction, before.get(move.taskKey)),
      );
    }
  }
  const opened = routing.tasks.filter((move) => move.action === 'opened');
  if (opened.length > 0) {
    const tasks = opened.map(
      (move) => routing.state.tasks.find((task) => task.taskKey === move.taskKey) as OpenedTask,
    );
    ops.route(work, { state: routing.state, opened: tasks, closed: [] }, request.actor);
    for (const move of opened) {
      const task = tasks.find((candidate) => candidate.taskKey === move.taskKey) as OpenedTask;
      const clocks = work.state.clocks[task.taskKey];
      views.push({
        taskKey: move.taskKey,
        action: 'opened',
        because: move.because,
        after: place(task, clocks, work.now, ops.calendar),
        clockStartedAt: iso(clocks?.target?.startedAt ?? null),
      });
    }
  }
  migrateCaseClocks(ops, work, warningFraction);
  work.state.migrations = [
    ...(work.state.migrations ?? []),
    { ...versions, at: work.at, tasks: views },
  ];
  return views;
}

function moveTask(
  ops: MigrationOperations,
  work: Work,
  request: MigrateCaseInput,
  task: TaskRecord,
  old: TaskRecord,
  warningFraction: number,
  before: TaskMigrationPlace | undefined,
): TaskMigrationView {
  const handedOn = task.partnerId !== old.partnerId;
  const holder = work.state.holders[task.taskKey];
  // A task handed to another partner is nobody's there yet, as after the regisseur's reassign.
  if (handedOn) work.state.holders[task.taskKey] = { ...holder, assigneeId: null, claimedAt: null };
  work.state.clocks[task.taskKey] = carriedClocks(
    taskClocksUnderModel(ops.model, work.state, task.taskKey, ops.calendar),
    work.state.clocks[task.taskKey],
    work.now,
    ops.calendar,
    warningFraction,
  );
  const step = ops.model.steps.find((candidate) => candidate.id === task.stepId);
  work.change({
    taskKey: task.taskKey,
    stepId: task.stepId,
    stepName: step?.name ?? task.stepId,
    partnerId: task.partnerId,
    modelVersion: request.toVersion,
    ...(handedOn ? { assigneeId: null, claimedAt: null } : {}),
  });
  writeTaskClocks(work, task.taskKey, ops.calendar, {});
  for (const escalation of work.state.escalations) {
    if (escalation.status !== 'open' || escalation.taskKey !== task.taskKey) continue;
    Object.assign(escalation, { stepId: task.stepId, partnerId: task.partnerId });
    work.escalations.push(escalationRow(escalation));
  }
  const clocks = work.state.clocks[task.taskKey];
  const after = place(task, clocks, work.now, ops.calendar);
  const moved = task.stepId !== old.stepId || handedOn;
  if (moved || after.dueAt !== before?.dueAt || after.escalationAt !== before?.escalationAt) {
    work.record(
      'task.migrated',
      request.actor,
      {
        migrationId: request.migrationId,
        fromVersion: request.fromVersion,
        toVersion: request.toVersion,
        fromStepId: old.stepId,
        fromPartnerId: old.partnerId,
        ...(after.dueAt ? { dueAt: after.dueAt } : {}),
      },
      task,
    );
    const assignee = work.state.holders[task.taskKey]?.assigneeId;
    work.notifyTask({
      kind: 'task.migrated',
      task,
      userIds: assignee ? [assignee] : undefined,
      title: `Taak volgt versie ${request.toVersion} van het model: ${step?.name ?? task.stepId}`,
      body: after.dueAt ? `Termijn nu tot ${after.dueAt}` : 'Deze stap heeft geen termijn meer.',
      dueAt: after.dueAt,
    });
    if (handedOn) ops.notifyCancelled(work, old, 'migrated');
  }
  return {
    taskKey: task.taskKey,
    action: moved ? 'moved' : 'kept',
    before,
    after,
    clockStartedAt: iso(clocks.target?.startedAt ?? null),
  };
}

/** The input of the machine on the version the case moves to. */
export const migratedInput = (
  input: CaseWorkflowInput,
  request: MigrateCaseInput,
): CaseWorkflowInput => ({
  ...input,
  model: request.model,
  modelVersion: request.toVersion,
});
