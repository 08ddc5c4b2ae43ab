import type { CaseWorkflowState } from '@schakel/contracts';
import type { NormTerms } from '@schakel/reference-model/engine';

export interface ClockStarts {
  caseOpenedAt: number;
  taskOpenedAt: number;
  /** When the task is claimed; null while it is not. */
  taskClaimedAt: number | null;
  /** Last completion time of a step, for norms that start when another step completes. */
  stepCompletedAt: (stepId: string) => number | null;
}

/** The instant a norm's clock starts from the event it names; null while that event has not happened. */
export function clockStart(terms: NormTerms, starts: ClockStarts): number | null {
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

/** When the step's last completed task closed, for norms that start at its completion; null if never. */
export function lastStepCompletion(state: CaseWorkflowState, stepId: string): number | null {
  const completed = state.routing.tasks.filter(
    (task) => task.stepId === stepId && task.status === 'completed',
  );
  const closedAt = completed.length
    ? state.holders[completed[completed.length - 1].taskKey]?.closedAt
    : null;
  return closedAt ? Date.parse(closedAt) : null;
}
