import { ApplicationFailure } from '@temporalio/common';
import {
  CASE_FAILURE,
  inputProblems,
  type CaseFailureType,
  type FailureProblem,
  type RefusalCode,
} from '@schakel/contracts';
import { RoutingError, type RoutingErrorCode } from '@schakel/reference-model/engine';

/**
 * A refused request: non-retryable, typed so the API can answer with the right status, and coded
 * so the caller learns what stands in the way (details: [problems, code], see `refusalOf`).
 */
export function caseFailure(
  type: CaseFailureType,
  code: RefusalCode,
  message: string,
  problems: FailureProblem[] = [],
): ApplicationFailure {
  return ApplicationFailure.create({
    type,
    message,
    nonRetryable: true,
    details: [problems, code],
  });
}

/** Races on state (someone else was first) are conflicts; requests the model does not allow are unprocessable. */
const CONFLICTS: ReadonlySet<RoutingErrorCode> = new Set([
  'task-not-open',
  'task-already-open',
  'case-ended',
]);

/** The engine's codes in the case's words. */
const REFUSAL_OF_ROUTING: Record<RoutingErrorCode, RefusalCode> = {
  'unknown-category': 'unknown-category',
  'unknown-step': 'unknown-step',
  'unknown-task': 'task-not-found',
  'task-not-open': 'task-not-open',
  'task-already-open': 'task-already-open',
  'step-not-completed': 'step-not-completed',
  'unknown-outcome': 'unknown-outcome',
  'invalid-submission': 'invalid-submission',
  'no-matching-route': 'no-matching-route',
  'rework-limit-exceeded': 'rework-limit-exceeded',
  'no-handover-to-return': 'no-handover-to-return',
  'contribution-returns-with-lead': 'contribution-returns-with-lead',
  'branch-route-changed': 'branch-route-changed',
  'contributions-pending': 'contributions-pending',
  'case-ended': 'case-closed',
  'partner-not-allowed': 'partner-not-allowed',
  'routing-loop': 'routing-loop',
};

/** Runs a routing-engine call, turning its RoutingError into a typed failure. */
export function routed<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof RoutingError)) throw error;
    const code = REFUSAL_OF_ROUTING[error.code];
    if (error.code === 'unknown-task')
      throw caseFailure(CASE_FAILURE.notFound, code, error.message);
    const type = CONFLICTS.has(error.code) ? CASE_FAILURE.conflict : CASE_FAILURE.unprocessable;
    const problems = error.problems.length
      ? error.problems.map((problem) => ({
          field: problem.field,
          code: problem.code,
          message: problem.message,
        }))
      : [{ code: error.code, message: error.message }];
    throw caseFailure(type, code, error.message, problems);
  }
}

/**
 * Refuses an Update carrying what the read side cannot store (a NUL, another control character, a
 * lone surrogate, absurd nesting), so a workflow never accepts a decision its projection would fail on.
 */
export function refuseNonText(input: object): void {
  const problems = inputProblems(input, '');
  if (problems.length === 0) return;
  const summary = problems.map((problem) => `${problem.field} ${problem.message}`).join('; ');
  throw caseFailure(
    CASE_FAILURE.unprocessable,
    'invalid-input',
    `Invalid request: ${summary}`,
    problems,
  );
}
