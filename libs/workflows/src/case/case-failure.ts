import { ApplicationFailure } from '@temporalio/common';
import {
  CASE_FAILURE,
  inputProblems,
  type CaseFailureType,
  type FailureProblem,
} from '@schakel/contracts';
import { RoutingError, type RoutingErrorCode } from '@schakel/reference-model/engine';

/** A refused request: non-retryable, typed so the API can answer with the right status. */
export function caseFailure(
  type: CaseFailureType,
  message: string,
  problems: FailureProblem[] = [],
): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true, details: [problems] });
}

/** Races on state (someone else was first) are conflicts; requests the model does not allow are unprocessable. */
const CONFLICTS: ReadonlySet<RoutingErrorCode> = new Set([
  'task-not-open',
  'task-already-open',
  'case-ended',
]);

/** Runs a routing-engine call, turning its RoutingError into a typed failure. */
export function routed<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof RoutingError)) throw error;
    if (error.code === 'unknown-task') throw caseFailure(CASE_FAILURE.notFound, error.message);
    const type = CONFLICTS.has(error.code) ? CASE_FAILURE.conflict : CASE_FAILURE.unprocessable;
    const problems = error.problems.length
      ? error.problems.map((problem) => ({
          field: problem.field,
          code: problem.code,
          message: problem.message,
        }))
      : [{ code: error.code, message: error.message }];
    throw caseFailure(type, error.message, problems);
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
  throw caseFailure(CASE_FAILURE.unprocessable, `Invalid request: ${summary}`, problems);
}
