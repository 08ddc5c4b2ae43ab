export type DueState =
  | { kind: 'none' }
  | { kind: 'overdue' }
  | { kind: 'today' }
  | { kind: 'soon' | 'later'; days: number };

const DAY_MS = 24 * 60 * 60 * 1000;
/** Due within this many days counts as "soon" (amber). */
const SOON_DAYS = 2;

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

export function dueState(dueAt: string | null, now: Date): DueState {
  if (!dueAt) return { kind: 'none' };
  const due = new Date(dueAt);
  if (due.getTime() < now.getTime()) return { kind: 'overdue' };
  const days = Math.round((startOfDay(due) - startOfDay(now)) / DAY_MS);
  if (days === 0) return { kind: 'today' };
  return { kind: days <= SOON_DAYS ? 'soon' : 'later', days };
}
