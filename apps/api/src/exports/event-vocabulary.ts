import type { EventLogEntry } from '@schakel/database';

/** IEEE 1849 (XES) standard lifecycle transitions of the task events. */
const LIFECYCLE: Record<string, string> = {
  'task.opened': 'schedule',
  'task.reopened': 'schedule',
  'task.assigned': 'assign',
  'task.reassigned': 'reassign',
  'task.claimed': 'start',
  // Given back to the inbox after `start`: the standard model only allows suspend (or abort) there.
  'task.unclaimed': 'suspend',
  'task.suspended': 'suspend',
  'task.resumed': 'resume',
  'task.completed': 'complete',
  'task.returned': 'ate_abort',
  'task.skipped': 'manualskip',
  'task.cancelled': 'pi_abort',
};

/** Names of events that are not a step's own lifecycle. */
const LABELS: Record<string, string> = {
  'case.opened': 'Case opened',
  'case.closed': 'Case closed',
  'case.cancelled': 'Case cancelled',
  'case.migrated': 'Case moved to a new model version',
  'task.migrated': 'Task moved to a new model version',
  'task.warning': 'Norm warning',
  'task.overdue': 'Norm breached',
  'task.reminded': 'Reminder sent',
  'task.extended': 'Term extended',
  'task.due-moved': 'Due date moved',
  'case.warning': 'Case norm warning',
  'case.overdue': 'Case norm breached',
  'case.suspended': 'Case norm suspended',
  'case.resumed': 'Case norm resumed',
  'case.extended': 'Case norm extended',
  'case.due-moved': 'Case due date moved',
  'escalation.raised': 'Escalation raised',
  'escalation.level-up': 'Escalation level up',
  'escalation.de-escalated': 'Escalation de-escalated',
  'escalation.resolved': 'Escalation resolved',
  'agreement.recorded': 'Agreement recorded',
};

/** The lifecycle transition of an event: a task's standard one, else `complete` (an instant). */
export function lifecycleOf(type: string): string {
  return LIFECYCLE[type] ?? 'complete';
}

/**
 * The activity an event belongs to: the step's name for its lifecycle (XES tells the phases
 * apart by lifecycle:transition), else a label, qualified by the step when there is one.
 */
export function activityOf(entry: Pick<EventLogEntry, 'type' | 'stepId' | 'stepName'>): string {
  const step = entry.stepName ?? entry.stepId;
  if (LIFECYCLE[entry.type] && step) return step;
  const label = LABELS[entry.type] ?? entry.type;
  return step ? `${label}: ${step}` : label;
}
