import type { ReadSideExpectation } from '@schakel/contracts';
import type { ReadSideRows } from '@schakel/database';

/** How a case's rows differ from its workflow; ids only, never case data. */
export type Drift =
  | { kind: 'rows'; caseStatus?: { expected: string; found: string }; tasks: string[] }
  | { kind: 'events'; expectedSequence: number; foundSequence: number }
  | { kind: 'workflow-missing' };

/**
 * Rows drift when a task row is missing, extra or disagrees on status, partner or assignee, or the
 * case status differs; the event log drifts when its last sequence is not the workflow's.
 */
export function driftBetween(
  expected: ReadSideExpectation,
  rows: ReadSideRows | null,
): Drift | null {
  if (!rows)
    return { kind: 'rows', caseStatus: { expected: expected.status, found: 'missing' }, tasks: [] };
  const found = new Map(rows.tasks.map((task) => [task.taskKey, task]));
  const tasks = expected.tasks
    .filter((task) => {
      const row = found.get(task.taskKey);
      return (
        !row ||
        row.status !== task.status ||
        row.partnerId !== task.partnerId ||
        row.assigneeId !== task.assigneeId
      );
    })
    .map((task) => task.taskKey);
  const known = new Set(expected.tasks.map((task) => task.taskKey));
  tasks.push(...rows.tasks.filter((task) => !known.has(task.taskKey)).map((task) => task.taskKey));
  if (tasks.length || rows.status !== expected.status) {
    return {
      kind: 'rows',
      ...(rows.status !== expected.status
        ? { caseStatus: { expected: expected.status, found: rows.status } }
        : {}),
      tasks,
    };
  }
  if (rows.sequence !== expected.sequence) {
    return { kind: 'events', expectedSequence: expected.sequence, foundSequence: rows.sequence };
  }
  return null;
}
