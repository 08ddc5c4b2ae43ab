import {
  elapsedInUnit,
  type Extension,
  type HolidayCalendar,
  type Interval,
  type Norm,
  type NormClock,
  type Suspension,
  toAmsterdamDate,
  withinNorm,
} from '@schakel/calendar';
import {
  clockTerm,
  effectiveNorms,
  type Intensity,
  type ReferenceModel,
} from '@schakel/reference-model/engine';
import { clockStart } from '@schakel/workflows/case/clock-start';

export type ClosedTaskStatus = 'completed' | 'skipped' | 'returned' | 'cancelled';

/** A task of a case as the projection holds it (times in epoch ms). */
export interface TaskTimes {
  taskKey: string;
  stepId: string;
  partnerId: string;
  status: ClosedTaskStatus | 'open';
  iteration: number;
  handedOverBy: string[];
  openedAt: number;
  claimedAt: number | null;
  closedAt: number | null;
  /** The due date of the task's target, as the workflow last wrote it (at closing, for a closed task). */
  dueAt: number | null;
}

/** A clock change of one task from the event log. */
export type ClockEvent =
  | { taskKey: string; type: 'task.suspended'; at: number; reason: string }
  | { taskKey: string; type: 'task.resumed'; at: number }
  | { taskKey: string; type: 'task.extended'; at: number; dueAt: number; reason: string };

export interface CaseTimes {
  caseId: string;
  chainId: string;
  modelVersion: number;
  intensity: Intensity;
  openedAt: number;
  tasks: TaskTimes[];
  clockEvents: ClockEvent[];
}

export interface TaskFact {
  caseId: string;
  taskKey: string;
  chainId: string;
  modelVersion: number;
  stepId: string;
  partnerId: string;
  status: ClosedTaskStatus;
  iteration: number;
  openedAt: number;
  claimedAt: number | null;
  closedAt: number;
  /** Amsterdam civil date of the closing. */
  closedDay: string;
  /** Scheduled → claimed, less suspension; null when never claimed. */
  waitingMs: number | null;
  /** Claimed → closed, less suspension. */
  workingMs: number | null;
  /** Last handing-over task done → this task claimed; null for a first task or an unclaimed one. */
  handoverMs: number | null;
  suspendedMs: number;
  suspensions: number;
  extensions: number;
  normAmount: number | null;
  normUnit: Norm['unit'] | null;
  /**
   * Clock start → close in the norm's unit, less suspension (days counted like the due date);
   * null for a norm anchored to a date, whose amount is no span of the task.
   */
  elapsedInUnit: number | null;
  /** Only for completed tasks with a target norm (and, anchored to a date, a due date). */
  withinNorm: boolean | null;
}

/** Wall-clock overlap of intervals (open ones closed at `to`) with [from, to]. */
export function overlapMs(intervals: readonly Interval[], from: number, to: number): number {
  let total = 0;
  let reached = from;
  for (const interval of [...intervals].sort((a, b) => a.from - b.from)) {
    const start = Math.max(interval.from, reached);
    const end = Math.min(interval.to ?? to, to);
    if (end > start) {
      total += end - start;
      reached = end;
    }
  }
  return total;
}

/** A task's suspensions and extensions, paired up from its clock events in order. */
export function clockHistory(events: readonly ClockEvent[]): {
  suspensions: Suspension[];
  extensions: Extension[];
} {
  const suspensions: Suspension[] = [];
  const extensions: Extension[] = [];
  for (const event of [...events].sort((a, b) => a.at - b.at)) {
    const last = suspensions[suspensions.length - 1];
    if (event.type === 'task.suspended') suspensions.push({ from: event.at, reason: event.reason });
    else if (event.type === 'task.resumed' && last && last.to === undefined)
      suspensions[suspensions.length - 1] = { ...last, to: event.at };
    else if (event.type === 'task.extended')
      extensions.push({ at: event.at, dueAt: event.dueAt, reason: event.reason });
  }
  return { suspensions, extensions };
}

/** The latest completion of a step before `before`, for norms that start when it completes. */
function stepCompletedBefore(times: CaseTimes, stepId: string, before: number): number | null {
  const done = times.tasks
    .filter((task) => task.stepId === stepId && task.status === 'completed')
    .map((task) => task.closedAt)
    .filter((at): at is number => at !== null && at <= before);
  return done.length > 0 ? Math.max(...done) : null;
}

function normOutcome(
  task: TaskTimes & { closedAt: number },
  times: CaseTimes,
  model: ReferenceModel,
  history: { suspensions: Suspension[]; extensions: Extension[] },
  calendar: HolidayCalendar,
): Pick<TaskFact, 'normAmount' | 'normUnit' | 'elapsedInUnit' | 'withinNorm'> {
  const terms = effectiveNorms(model, task.stepId, times.intensity);
  if (terms?.target && terms.anchor) {
    // The due date came from a date in the case, which moved as the case data did: the workflow's
    // due date at closing is the one the task met or missed.
    const norm = clockTerm(terms.target, terms.atw ?? false);
    const { dueAt } = task;
    return {
      normAmount: norm.amount,
      normUnit: norm.unit,
      elapsedInUnit: null,
      withinNorm: task.status === 'completed' && dueAt !== null ? task.closedAt <= dueAt : null,
    };
  }
  const start = terms?.target
    ? clockStart(terms, {
        caseOpenedAt: times.openedAt,
        taskOpenedAt: task.openedAt,
        taskClaimedAt: task.claimedAt,
        stepCompletedAt: (stepId) => stepCompletedBefore(times, stepId, task.openedAt),
      })
    : null;
  if (!terms?.target || start === null || start > task.closedAt) {
    return { normAmount: null, normUnit: null, elapsedInUnit: null, withinNorm: null };
  }
  const norm: Norm = clockTerm(terms.target, terms.atw ?? false);
  const clock: NormClock = { startedAt: start, norm, ...history, stoppedAt: task.closedAt };
  return {
    normAmount: norm.amount,
    normUnit: norm.unit,
    elapsedInUnit: elapsedInUnit(start, task.closedAt, norm.unit, calendar, history.suspensions),
    withinNorm: task.status === 'completed' ? withinNorm(clock, task.closedAt, calendar) : null,
  };
}

/** The facts of every closed task of a case: what the KPI queries aggregate. */
export function taskFacts(
  times: CaseTimes,
  model: ReferenceModel,
  calendar: HolidayCalendar,
): TaskFact[] {
  const closedAt = new Map(times.tasks.map((task) => [task.taskKey, task.closedAt]));
  return times.tasks.flatMap((task): TaskFact[] => {
    if (task.status === 'open' || task.closedAt === null) return [];
    const closed = { ...task, closedAt: task.closedAt };
    const history = clockHistory(times.clockEvents.filter((e) => e.taskKey === task.taskKey));
    const claimed = task.claimedAt;
    const net = (from: number, to: number) => to - from - overlapMs(history.suspensions, from, to);
    const handedOverAt = task.handedOverBy
      .map((key) => closedAt.get(key) ?? null)
      .filter((at): at is number => at !== null);
    return [
      {
        caseId: times.caseId,
        taskKey: task.taskKey,
        chainId: times.chainId,
        modelVersion: times.modelVersion,
        stepId: task.stepId,
        partnerId: task.partnerId,
        status: task.status,
        iteration: task.iteration,
        openedAt: task.openedAt,
        claimedAt: claimed,
        closedAt: closed.closedAt,
        closedDay: toAmsterdamDate(closed.closedAt),
        waitingMs: claimed === null ? null : net(task.openedAt, claimed),
        workingMs: claimed === null ? null : net(claimed, closed.closedAt),
        handoverMs:
          claimed === null || handedOverAt.length === 0
            ? null
            : claimed - Math.max(...handedOverAt),
        suspendedMs: overlapMs(history.suspensions, task.openedAt, closed.closedAt),
        suspensions: history.suspensions.length,
        extensions: history.extensions.length,
        ...normOutcome(closed, times, model, history, calendar),
      },
    ];
  });
}
