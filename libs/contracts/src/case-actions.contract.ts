import { ApplicationFailure } from '@temporalio/common';
import type { Actor, FailureProblem } from './case.contract';

/** Everything a caller can do to a case, its tasks or its escalations (the API's action names). */
export const CASE_ACTION_NAMES = [
  // a caseworker, on a task of their organisation
  'claim',
  'unclaim',
  'assign',
  'complete',
  'return',
  'disagree',
  // the regisseur, on a task
  'reassign',
  'extend',
  'suspend',
  'resume',
  'remind',
  'skip',
  'reopen',
  // the regisseur, on the case
  'close',
  'cancel',
  'record-agreement',
  // the regisseur, on an escalation
  'resolve',
  'escalate',
  'de-escalate',
] as const;
export type CaseActionName = (typeof CASE_ACTION_NAMES)[number];

/**
 * Why the case refuses a request: the `code` of the API's error body and the `reason` of an action
 * offered as not allowed. The console words each one (apps/web/src/i18n).
 */
export const REFUSAL_CODES = [
  // the case or task changed under the caller (409)
  'case-closed',
  'case-cancelled',
  'task-completed',
  'task-returned',
  'task-skipped',
  'task-cancelled',
  'claimed-by-colleague',
  'not-claimed-by-you',
  'already-suspended',
  'not-suspended',
  'task-already-open',
  'escalation-resolved',
  // not the caller's to do (403) or not there (404)
  'not-your-organisation',
  'regisseur-only',
  'task-not-found',
  'escalation-not-found',
  // what the model or the request does not allow (422)
  'no-handover-to-return',
  'contribution-returns-with-lead',
  'contributions-pending',
  'unknown-return-category',
  'not-a-colleague',
  'reason-required',
  'norm-not-suspendable',
  'norm-not-extendable',
  'due-date-not-later',
  'beyond-max-extension',
  'partner-not-allowed',
  'nothing-to-change',
  'step-not-completed',
  'unknown-end',
  'top-of-ladder',
  'bottom-of-ladder',
  'invalid-submission',
  'unknown-outcome',
  'unknown-category',
  'no-matching-route',
  'rework-limit-exceeded',
  'branch-route-changed',
  'task-not-open',
  'unknown-step',
  'routing-loop',
  'invalid-input',
  // a migration to another model version (issue 16)
  'wrong-model-version',
  'cannot-migrate',
  // the read side refused the change; it was not made (422)
  'not-recordable',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** One action as offered to a caller now: allowed, or not with the reason the server would give. */
export interface ActionVerdict {
  action: CaseActionName;
  allowed: boolean;
  reason?: RefusalCode;
  /** The task it acts on (task actions). */
  taskKey?: string;
  /** The step it reopens (`reopen`). */
  stepId?: string;
}

/** Which actions to judge: those of these tasks, of the case itself, of one escalation. */
export interface ActionsRequest {
  actor: Actor;
  taskKeys: string[];
  caseLevel: boolean;
  escalationId?: string;
}

/** The code and field problems a refused request carries (see `caseFailure` in libs/workflows). */
export function refusalOf(failure: ApplicationFailure): {
  code?: RefusalCode;
  problems: FailureProblem[];
} {
  const [problems, code] = (failure.details ?? []) as [FailureProblem[]?, RefusalCode?];
  return { problems: problems ?? [], ...(code ? { code } : {}) };
}
