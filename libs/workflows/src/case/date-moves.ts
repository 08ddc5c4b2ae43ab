import type { HolidayCalendar } from '@schakel/calendar';
import type { ClockChange, TaskClocks } from '@schakel/contracts';
import {
  effectiveNorms,
  type CaseData,
  type NormAnchor,
  type NormTerms,
  type ReferenceModel,
} from '@schakel/reference-model/engine';
import { anchorMoved } from './case-clocks';
import { iso, writeCaseClocks, writeTaskClocks } from './clock-columns';
import { followAnchorDate, readClocks } from './task-clocks';
import type { Work } from './transition-work';

/** A clock after its date changed, what the timeline says about it and the columns to write. */
function move(
  clocks: TaskClocks,
  terms: NormTerms,
  anchor: NormAnchor,
  data: CaseData,
  now: number,
  calendar: HolidayCalendar,
): {
  moved: TaskClocks;
  details: { dueAt?: string; previousDueAt: string | null; field: string };
  columns: ClockChange;
} {
  const before = readClocks(clocks, now, calendar);
  const moved = followAnchorDate(clocks, terms, anchor, data, now, calendar);
  const dueAt = iso(readClocks(moved, now, calendar).dueAt);
  const cleared = !moved.target && !moved.escalation;
  return {
    moved,
    details: { ...(dueAt ? { dueAt } : {}), previousDueAt: iso(before.dueAt), field: anchor.field },
    columns: cleared && before.suspended ? { suspendedSince: null } : {},
  };
}

/**
 * The case data changed (`before` is what it was): clocks of norms anchored to a date that changed
 * move to the due date the new date gives (start when it was missing, clear when it is gone), each
 * recorded in the timeline (`task.due-moved`, `case.due-moved`). Tasks opened by this transition
 * already started from the new data.
 */
export function followDates(
  work: Work,
  before: CaseData,
  model: ReferenceModel,
  calendar: HolidayCalendar,
): void {
  const after = work.state.routing.data;
  const { intensity } = work.state.routing;
  const fresh = new Set(work.opened.map((task) => task.taskKey));
  for (const task of work.state.routing.tasks) {
    const clocks = work.state.clocks[task.taskKey];
    const terms = effectiveNorms(model, task.stepId, intensity);
    if (task.status !== 'open' || fresh.has(task.taskKey) || !clocks) continue;
    if (!anchorMoved(terms, before, after)) continue;
    const { moved, details, columns } = move(
      clocks,
      terms,
      terms.anchor,
      after,
      work.now,
      calendar,
    );
    work.state.clocks[task.taskKey] = moved;
    writeTaskClocks(work, task.taskKey, calendar, columns);
    work.record('task.due-moved', undefined, details, task);
  }
  const caseClocks = work.state.caseClocks;
  const caseTerms = effectiveNorms(model, undefined, intensity);
  if (!caseClocks || !anchorMoved(caseTerms, before, after)) return;
  const terms = { ...caseTerms, claim: undefined };
  const { moved, details, columns } = move(
    caseClocks,
    terms,
    caseTerms.anchor,
    after,
    work.now,
    calendar,
  );
  work.state.caseClocks = moved;
  writeCaseClocks(work, calendar, columns);
  work.record('case.due-moved', undefined, details);
}
