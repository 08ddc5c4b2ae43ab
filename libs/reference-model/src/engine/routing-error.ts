import { SubmissionProblem } from './step-submission';

export type RoutingErrorCode =
  | 'unknown-category'
  | 'unknown-step'
  | 'unknown-task'
  | 'task-not-open'
  | 'task-already-open'
  | 'step-not-completed'
  | 'unknown-outcome'
  | 'invalid-submission'
  | 'no-matching-route'
  | 'rework-limit-exceeded'
  | 'no-handover-to-return'
  | 'contribution-returns-with-lead'
  | 'branch-route-changed'
  | 'contributions-pending'
  | 'case-ended'
  | 'partner-not-allowed'
  | 'routing-loop';

/**
 * A request the model does not allow. Deterministic: the same request on the same state fails the
 * same way, so workflows should treat it as non-retryable (reject the Update, fail the activity).
 */
export class RoutingError extends Error {
  constructor(
    readonly code: RoutingErrorCode,
    message: string,
    /** Field-level problems, for `invalid-submission`. */
    readonly problems: SubmissionProblem[] = [],
  ) {
    super(message);
    this.name = 'RoutingError';
  }
}
