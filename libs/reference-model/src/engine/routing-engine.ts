import { CaseData, Intensity, ReferenceModel, START } from '../model/reference-model.types';
import { RoutingError, RoutingErrorCode } from './routing-error';
import { OpenedTask, RoutingResult, RoutingState, TaskRecord } from './routing-state';
import { CONTRIBUTED, pendingContributions } from './joint-steps';
import { SubmissionProblem, validateIntake, validateTaskSubmission } from './step-submission';
import { Transition } from './transition';

export interface StartCaseInput {
  category: string;
  /** Defaults to the category's intensity. */
  intensity?: Intensity;
  /** Intake form data. */
  data: CaseData;
}

function invalid(what: string, problems: SubmissionProblem[]): RoutingError {
  // An unknown outcome or category is a wrong request rather than a wrong form: say so by code.
  const wrongChoice = problems.find(
    (p) => p.code === 'unknown-outcome' || p.code === 'unknown-category',
  );
  const code: RoutingErrorCode = wrongChoice
    ? (wrongChoice.code as RoutingErrorCode)
    : 'invalid-submission';
  return new RoutingError(code, `${what}: ${problems.map((p) => p.message).join('; ')}`, problems);
}

/** Opens a case: checks the intake, then follows the routes leaving `start`. */
export function startCase(model: ReferenceModel, input: StartCaseInput): RoutingResult {
  const problems = validateIntake(model, input.category, input.data);
  const category = model.intake.categories.find((c) => c.id === input.category);
  if (!category || problems.length > 0) throw invalid('the case cannot start', problems);
  const transition = new Transition(model, {
    category: category.id,
    intensity: input.intensity ?? category.intensity,
    data: { ...input.data },
    tasks: [],
    openings: {},
    returns: {},
    rework: {},
    joins: {},
  });
  transition.leave(START, undefined, []);
  return transition.result();
}

export interface CompleteTaskInput {
  taskKey: string;
  outcome: string;
  /** The step's form data; merged into the case data. */
  data: CaseData;
}

/** Completes an open task with an outcome and routes the case on. */
export function completeTask(
  model: ReferenceModel,
  state: RoutingState,
  input: CompleteTaskInput,
): RoutingResult {
  const transition = new Transition(model, state);
  const task = transition.openTask(input.taskKey);
  const problems = validateTaskSubmission(
    model,
    task.stepId,
    task.taskKey,
    input.outcome,
    input.data,
    state.data,
  );
  if (problems.length > 0) throw invalid(`task '${input.taskKey}' cannot be completed`, problems);
  assertContributionsIn(state, task);
  Object.assign(transition.state.data, input.data);
  task.status = 'completed';
  if (task.contribution)
    task.outcome = input.outcome; // a contribution does not route
  else transition.complete(task, input.outcome);
  return transition.result();
}

/**
 * A joint step's lead task completes only once every contribution is in. A precondition of
 * `completeTask` that needs no submission: the case machine offers "complete" by it.
 */
export function assertContributionsIn(state: RoutingState, task: TaskRecord): void {
  const pending = pendingContributions(state, task);
  if (pending.length > 0) {
    throw new RoutingError(
      'contributions-pending',
      `task '${task.taskKey}' waits for the contributions of ${pending.map((t) => t.partnerId).join(', ')}`,
    );
  }
}

/**
 * Only a handover can be returned: not a task the intake opened, not a contribution (its lead
 * returns the step's handover). A precondition of `returnTask` that needs no reason.
 */
export function assertReturnable(task: TaskRecord): void {
  if (task.contribution) {
    throw new RoutingError(
      'contribution-returns-with-lead',
      `task '${task.taskKey}' is a contribution; the lead's task '${task.contribution}' returns the step's handover`,
    );
  }
  if (task.handedOverBy.length === 0) {
    throw new RoutingError(
      'no-handover-to-return',
      `task '${task.taskKey}' was opened by the intake; there is no handover to return`,
    );
  }
}

/** Regisseur skips a task: it moves on with the step's `onSkip` outcome, or its first outcome. */
export function skipTask(
  model: ReferenceModel,
  state: RoutingState,
  input: { taskKey: string },
): RoutingResult {
  const transition = new Transition(model, state);
  const task = transition.openTask(input.taskKey);
  const step = model.steps.find((s) => s.id === task.stepId);
  if (!step) throw new RoutingError('unknown-step', `step '${task.stepId}' is not in this model`);
  task.status = 'skipped';
  if (task.contribution) {
    task.outcome = CONTRIBUTED.id; // the lead no longer waits for it
  } else {
    transition.cancelContributions(task);
    transition.complete(task, step.onSkip ?? step.outcomes[0].id);
  }
  return transition.result();
}

/**
 * The receiving step returns its handover (terugverwijzing): the task closes as `returned` and
 * the tasks that handed over to it open again. Counts returns per receiving step. The first task
 * of a parallel branch returns branch-locally: the sender re-opens for that branch only and the
 * sibling branches keep their work.
 */
export function returnTask(
  model: ReferenceModel,
  state: RoutingState,
  input: { taskKey: string },
): RoutingResult {
  const transition = new Transition(model, state);
  const task = transition.openTask(input.taskKey);
  assertReturnable(task);
  task.status = 'returned';
  transition.cancelContributions(task);
  const returns = (transition.state.returns[task.stepId] ?? 0) + 1;
  transition.state.returns[task.stepId] = returns;
  const senders = task.handedOverBy.map((key) => transition.task(key));
  if (task.branch && senders.length === 1) transition.reopenForBranch(senders[0], task.branch);
  else transition.rewind(senders);
  const maxReturns = model.steps.find((s) => s.id === task.stepId)?.maxReturns;
  return transition.result({
    returnLimitExceeded: maxReturns !== undefined && returns > maxReturns,
  });
}

/** Regisseur reopens the last completed (or skipped) task of a step; what followed is cancelled. */
export function reopenTask(
  model: ReferenceModel,
  state: RoutingState,
  input: { stepId: string },
): RoutingResult {
  const transition = new Transition(model, state);
  transition.assertRunning();
  const tasks = transition.state.tasks.filter((t) => t.stepId === input.stepId && !t.contribution);
  if (tasks.some((t) => t.status === 'open')) {
    throw new RoutingError('task-already-open', `step '${input.stepId}' already has an open task`);
  }
  const last = tasks
    .reverse()
    .find((t) => (t.status === 'completed' || t.status === 'skipped') && !t.superseded);
  if (!last)
    throw new RoutingError(
      'step-not-completed',
      `step '${input.stepId}' has no completed task to reopen`,
    );
  transition.rewind([last]);
  return transition.result();
}

/** Regisseur hands an open task to another partner: the responsible one or a listed alternative. */
export function reassignTask(
  model: ReferenceModel,
  state: RoutingState,
  input: { taskKey: string; partnerId: string },
): RoutingResult {
  const transition = new Transition(model, state);
  const task = transition.openTask(input.taskKey);
  const step = model.steps.find((s) => s.id === task.stepId);
  const contributor = task.contribution ? task.partnerId : undefined;
  const allowed = contributor
    ? [contributor]
    : step
      ? [step.partner, ...(step.alternativePartners ?? [])]
      : [];
  if (!allowed.includes(input.partnerId)) {
    throw new RoutingError(
      'partner-not-allowed',
      `step '${task.stepId}' may be held by ${allowed.join(', ')}, not '${input.partnerId}'`,
    );
  }
  task.partnerId = input.partnerId;
  return transition.result();
}

export function openTasks(state: RoutingState): OpenedTask[] {
  return state.tasks
    .filter((t) => t.status === 'open')
    .map(({ taskKey, stepId, partnerId, iteration, handedOverBy }) => ({
      taskKey,
      stepId,
      partnerId,
      iteration,
      handedOverBy,
    }));
}
