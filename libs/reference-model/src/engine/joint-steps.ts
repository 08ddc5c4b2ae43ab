import { FormField, Outcome, Step } from '../model/reference-model.types';
import type { RoutingState, TaskRecord } from './routing-state';

/** The one outcome of a contribution task: the contribution is in. */
export const CONTRIBUTED: Outcome = { id: 'contributed', label: 'Bijdrage geleverd' };

/** Key of a contributor's task within a joint step: the lead's key and the partner. */
export const contributionKey = (leadKey: string, partnerId: string) => `${leadKey}@${partnerId}`;

/** The contributing partner of a contribution task's key, undefined for any other task. */
export function contributorOf(taskKey: string): string | undefined {
  const at = taskKey.indexOf('@');
  return at < 0 ? undefined : taskKey.slice(at + 1);
}

/** What a task asks of whoever holds it: the step's work, or one contributor's part of it. */
export interface TaskWork {
  instructions: string;
  outcomes: Outcome[];
  form: FormField[];
  handsOver: string[];
  /** Set on a contribution task: the contributing partner. */
  contributor?: string;
}

export function taskWork(step: Step, taskKey: string): TaskWork {
  const partner = contributorOf(taskKey);
  const contributor = step.contributors?.find((c) => c.partner === partner);
  if (!contributor) {
    const { instructions, outcomes, form, handsOver } = step;
    return { instructions, outcomes, form, handsOver };
  }
  return {
    instructions: contributor.instructions ?? step.instructions,
    outcomes: [CONTRIBUTED],
    form: contributor.form ?? [],
    handsOver: [],
    contributor: contributor.partner,
  };
}

/** Open contribution tasks of a joint step's lead task. */
export function pendingContributions(state: RoutingState, lead: TaskRecord): TaskRecord[] {
  return state.tasks.filter((t) => t.contribution === lead.taskKey && t.status === 'open');
}
