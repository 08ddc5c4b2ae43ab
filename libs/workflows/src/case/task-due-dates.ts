import { dueDate, type HolidayCalendar } from '@schakel/calendar';
import {
  effectiveNorms,
  type Duration,
  type NormTerms,
  type ReferenceModel,
  type Intensity,
} from '@schakel/reference-model/engine';

export interface DueDates {
  dueAt: string | null;
  escalationAt: string | null;
}

export interface ClockStarts {
  caseOpenedAt: number;
  taskOpenedAt: number;
  /** When the task is claimed; null while it is not. */
  taskClaimedAt: number | null;
  /** Last completion time per step, for norms that start when another step completes. */
  stepCompletedAt: (stepId: string) => number | null;
}

function clockStart(terms: NormTerms, starts: ClockStarts): number | null {
  switch (terms.startsAt ?? 'taskOpened') {
    case 'caseOpened':
      return starts.caseOpenedAt;
    case 'taskClaimed':
      return starts.taskClaimedAt;
    case 'stepCompleted':
      return (
        (terms.afterStep ? starts.stepCompletedAt(terms.afterStep) : null) ?? starts.taskOpenedAt
      );
    case 'taskOpened':
      return starts.taskOpenedAt;
  }
}

function due(
  start: number,
  duration: Duration | undefined,
  atw: boolean,
  calendar: HolidayCalendar,
): string | null {
  if (!duration) return null;
  return new Date(
    dueDate(start, { amount: duration.amount, unit: duration.unit, atw }, calendar),
  ).toISOString();
}

/** Target and escalation due dates of a step's task from its norm (at the case's intensity). */
export function taskDueDates(
  model: ReferenceModel,
  stepId: string,
  intensity: Intensity,
  starts: ClockStarts,
  calendar: HolidayCalendar,
): DueDates {
  const terms = effectiveNorms(model, stepId, intensity);
  const start = terms ? clockStart(terms, starts) : null;
  if (!terms || start === null) return { dueAt: null, escalationAt: null };
  const atw = terms.atw ?? false;
  return {
    dueAt: due(start, terms.target, atw, calendar),
    escalationAt: due(start, terms.escalation, atw, calendar),
  };
}
