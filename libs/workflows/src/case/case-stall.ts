import { dueDate, type HolidayCalendar } from '@schakel/calendar';
import type { CaseWorkflowState } from '@schakel/contracts';
import { clockTerm, type ReferenceModel } from '@schakel/reference-model/engine';
import { escalate } from './case-escalations';
import type { TaskRef, Work } from './transition-work';

/** Start of the current quiet period: the last routing change, or the opening of the case. */
const quietSince = (state: CaseWorkflowState) => state.movedAt ?? state.openedAt;

/**
 * When the case counts as stalled: `escalation.stalledAfter` (calendar arithmetic, no Atw) after
 * the last routing change; null when the model sets no stall time or it was already raised.
 */
export function stallDueAt(
  model: ReferenceModel,
  state: CaseWorkflowState,
  calendar: HolidayCalendar,
): number | null {
  const after = model.escalation.stalledAfter;
  const since = quietSince(state);
  if (!after || state.stallRaisedFor === since) return null;
  return dueDate(Date.parse(since), clockTerm(after, false), calendar);
}

/**
 * Raises `case-stalled` when the quiet period has run out, once per period, on the task that has
 * been open longest (where the case waits).
 */
export function raiseStallIfDue(
  work: Work,
  model: ReferenceModel,
  calendar: HolidayCalendar,
  waitingOn: TaskRef | undefined,
): void {
  const due = stallDueAt(model, work.state, calendar);
  if (due === null || due > work.now || !waitingOn) return;
  work.state.stallRaisedFor = quietSince(work.state);
  escalate(work, model, calendar, 'case-stalled', waitingOn);
}
