import type { HolidayCalendar } from '@schakel/calendar';
import type { CaseWorkflowState, TaskClocks } from '@schakel/contracts';
import {
  effectiveNorms,
  type CaseData,
  type NormAnchor,
  type NormTerms,
  type ReferenceModel,
} from '@schakel/reference-model/engine';
import { clockStart } from './clock-start';
import { anchorDate, startTaskClocks } from './task-clocks';

const at = (iso: string | null | undefined): number | null => (iso ? Date.parse(iso) : null);

/** The latest completion of a step at or before `before`, for norms that start when it completes. */
function stepCompletedBefore(
  state: CaseWorkflowState,
  stepId: string,
  before: number,
): number | null {
  const done = state.routing.tasks
    .filter((task) => task.stepId === stepId && task.status === 'completed')
    .map((task) => at(state.holders[task.taskKey]?.closedAt))
    .filter((closedAt): closedAt is number => closedAt !== null && closedAt <= before);
  return done.length > 0 ? Math.max(...done) : null;
}

/**
 * Fresh clocks of a task of this case under this model: the step's norm at the case's intensity,
 * started from the event it names (the task's opening for a norm anchored to a date), due from
 * the case data's date when it is anchored to one. The task's opening must be in `holders`.
 */
export function taskClocksUnderModel(
  model: ReferenceModel,
  state: CaseWorkflowState,
  taskKey: string,
  calendar: HolidayCalendar,
): TaskClocks {
  const task = state.routing.tasks.find((candidate) => candidate.taskKey === taskKey);
  const holder = state.holders[taskKey];
  if (!task || !holder) return {};
  const terms = effectiveNorms(model, task.stepId, state.routing.intensity);
  const openedAt = Date.parse(holder.openedAt);
  const start = terms
    ? clockStart(terms, {
        caseOpenedAt: Date.parse(state.openedAt),
        taskOpenedAt: openedAt,
        taskClaimedAt: at(holder.claimedAt),
        stepCompletedAt: (stepId) => stepCompletedBefore(state, stepId, openedAt),
      })
    : null;
  return startTaskClocks(terms, start, openedAt, state.routing.data, calendar);
}

/**
 * Fresh clocks of the case norm under this model: from the intake, due from the case data's date
 * when the norm is anchored to one (no clocks while that date is missing); undefined when the
 * model has no case norm.
 */
export function caseClocksUnderModel(
  model: ReferenceModel,
  state: CaseWorkflowState,
  calendar: HolidayCalendar,
): TaskClocks | undefined {
  const terms = effectiveNorms(model, undefined, state.routing.intensity);
  if (!terms) return undefined;
  const openedAt = Date.parse(state.openedAt);
  return startTaskClocks(
    { ...terms, claim: undefined },
    openedAt,
    openedAt,
    state.routing.data,
    calendar,
  );
}

/**
 * The clocks of this case under this model, as if every open task had just been opened on it and
 * the case had just been opened: per open task, and the case norm's (undefined without one).
 * Suspensions, extensions and signals already given are not carried over.
 */
export function clocksOfCase(
  model: ReferenceModel,
  state: CaseWorkflowState,
  calendar: HolidayCalendar,
): { tasks: Record<string, TaskClocks>; case?: TaskClocks } {
  const tasks = Object.fromEntries(
    state.routing.tasks
      .filter((task) => task.status === 'open')
      .map((task) => [task.taskKey, taskClocksUnderModel(model, state, task.taskKey, calendar)]),
  );
  const caseClocks = caseClocksUnderModel(model, state, calendar);
  return caseClocks ? { tasks, case: caseClocks } : { tasks };
}

/** A norm anchored to a date whose value differs between two versions of the case data. */
export function anchorMoved(
  terms: NormTerms | undefined,
  before: CaseData,
  after: CaseData,
): terms is NormTerms & { anchor: NormAnchor } {
  return Boolean(
    terms?.anchor && anchorDate(terms.anchor, before) !== anchorDate(terms.anchor, after),
  );
}
