import type { CaseWorkflowState, ReadSideExpectation, TaskClocks } from '@schakel/contracts';
import type { HolidayCalendar } from '@schakel/calendar';
import type { ReferenceModel } from '@schakel/reference-model/engine';
import { escalationRow } from './case-escalations';
import { iso } from './clock-columns';
import { readClocks } from './task-clocks';
import type { Work } from './transition-work';

/** What PostgreSQL should show for this state: the reconciler compares it with the rows. */
export function readSideExpectation(
  state: CaseWorkflowState,
  inFlight: boolean,
  held: boolean,
): ReadSideExpectation {
  return {
    status: state.status,
    sequence: state.sequence,
    inFlight,
    held,
    tasks: state.routing.tasks.map((task) => ({
      taskKey: task.taskKey,
      status: task.status,
      partnerId: task.partnerId,
      assigneeId: state.holders[task.taskKey]?.assigneeId ?? null,
    })),
  };
}

/**
 * Fills a transition with the whole current state as rows (no events): every task inserted if
 * missing and overwritten, every open escalation upserted. Re-projecting it is always safe because
 * it says nothing the workflow has not durably decided already.
 */
export function writeWholeState(
  work: Work,
  model: ReferenceModel,
  calendar: HolidayCalendar,
): void {
  const { state } = work;
  for (const task of state.routing.tasks) {
    const holder = state.holders[task.taskKey];
    const clocks: TaskClocks | undefined = state.clocks[task.taskKey];
    const reading = clocks ? readClocks(clocks, work.now, calendar) : undefined;
    const dueAt = iso(reading?.dueAt ?? null);
    const escalationAt = iso(reading?.escalationAt ?? null);
    const step = model.steps.find((candidate) => candidate.id === task.stepId);
    work.opened.push({
      taskKey: task.taskKey,
      stepId: task.stepId,
      stepName: step?.name ?? task.stepId,
      partnerId: task.partnerId,
      iteration: task.iteration,
      handedOverBy: task.handedOverBy,
      openedAt: holder?.openedAt ?? state.openedAt,
      dueAt,
      escalationAt,
    });
    work.change({
      taskKey: task.taskKey,
      status: task.status,
      partnerId: task.partnerId,
      assigneeId: holder?.assigneeId ?? null,
      claimedAt: holder?.claimedAt ?? null,
      ...(holder?.closedAt ? { closedAt: holder.closedAt } : {}),
      ...(task.outcome ? { outcome: task.outcome } : {}),
      ...(reading ? { dueAt, escalationAt } : {}),
    });
  }
  for (const escalation of state.escalations) {
    if (escalation.status === 'open') work.escalations.push(escalationRow(escalation));
  }
  if (state.caseClocks) {
    const reading = readClocks(state.caseClocks, work.now, calendar);
    work.changeCase({
      enforced: true,
      dueAt: iso(reading.dueAt),
      escalationAt: iso(reading.escalationAt),
      suspendedMs: reading.suspendedMs,
    });
  }
}
