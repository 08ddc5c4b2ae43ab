import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  assignTaskUpdate,
  cancelCaseUpdate,
  caseActionsQuery,
  CASE_FAILURE,
  caseOpenedUpdate,
  caseStateQuery,
  claimTaskUpdate,
  completeTaskUpdate,
  CURRENT_PARTNERS_ATTRIBUTE,
  migrateCaseUpdate,
  migrationPreviewQuery,
  MODEL_VERSION_ATTRIBUTE,
  PROJECTION_REJECTED,
  readSideQuery,
  regisseurActionUpdate,
  releaseHoldSignal,
  resyncReadSideUpdate,
  returnTaskUpdate,
  unclaimTaskUpdate,
  type CaseActivities,
  type CaseMigrationView,
  type CaseProjection,
  type CaseTransitionResult,
  type CaseWorkflowInput,
} from '@schakel/contracts';
import { judgeActions } from './case-actions';
import { caseFailure } from './case-failure';
import { CaseMachine, type Transition } from './case-machine';
import { legacyProjector } from './legacy-local-projection';
import { readSideExpectation } from './read-side';

// A regular (not local) activity: it is scheduled only once the workflow task that decided the
// transition is durably recorded, so PostgreSQL never shows a decision the server could still lose.
// Idempotent (deterministic event ids, upserts, outbox ids), so retrying until the database answers
// is safe; only a refusal no retry can fix (ProjectionRejected) stops it.
const { projectCase } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: [PROJECTION_REJECTED],
  },
});

const DEFAULT_HISTORY_LIMIT = 10_000;

const hasRows = (projection: CaseProjection): boolean =>
  Boolean(
    projection.events.length ||
    projection.opened.length ||
    projection.changed.length ||
    projection.escalations?.length ||
    projection.caseChange ||
    projection.caseClock,
  );

const isRejection = (error: unknown): boolean =>
  error instanceof ActivityFailure &&
  error.cause instanceof ApplicationFailure &&
  error.cause.type === PROJECTION_REJECTED;

/**
 * One client case, from intake to its end state, following the snapshot of the model version it
 * started on. Requests are Updates: validated against the current state first (a refusal leaves no
 * trace), then decided, projected and applied one at a time. Between requests the workflow sleeps
 * on a durable timer until the next norm deadline.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseTransitionResult> {
  let machine: CaseMachine;
  /** A transition is being projected: the next one waits, so each is decided on the state before it. */
  let busy = false;
  /** A timed transition was refused by the read side: clocks wait until an operator releases the case. */
  let held = false;
  let publishedPartners = '';

  const publish = (transition: Transition): void => {
    machine.apply(transition);
    // A migrated case is found by its new version (only migrations issue this command).
    if (transition.runsOn) {
      upsertSearchAttributes({ [MODEL_VERSION_ATTRIBUTE.name]: [transition.runsOn.modelVersion] });
    }
    // Only when they change: each upsert is a command in the history.
    if (transition.currentPartners.join() !== publishedPartners) {
      publishedPartners = transition.currentPartners.join();
      upsertSearchAttributes({ [CURRENT_PARTNERS_ATTRIBUTE.name]: transition.currentPartners });
    }
  };

  /**
   * Decides on the current state, projects what was decided, then makes it the state. When the read
   * side refuses it for good, the workflow does not make it either: both stay as they were.
   */
  const durableTransit = async (
    decide: () => Transition,
    timed = false,
  ): Promise<CaseTransitionResult> => {
    // A loop, not one wait: waiters released together resume one after the other, and each must
    // see the `busy` the one before it set (the fault suite caught two deciding on one state).
    while (busy) await condition(() => !busy);
    busy = true;
    try {
      const transition = decide();
      if (hasRows(transition.projection)) {
        try {
          await projectCase(transition.projection);
        } catch (error) {
          if (!isRejection(error)) throw error;
          if (timed) held = true;
          log.warn('The read side refused a transition; it was not made', {
            caseId: input.caseId,
            sequence: machine.current.sequence,
          });
          throw caseFailure(
            CASE_FAILURE.notRecordable,
            'not-recordable',
            'The change could not be recorded and was not made; the case is flagged for operators',
          );
        }
      }
      publish(transition);
      return transition.result;
    } finally {
      busy = false;
    }
  };

  const durable = patched('durable-projection');
  const transit = durable
    ? durableTransit
    : (() => {
        const legacy = legacyProjector((transition) => machine.apply(transition));
        return (decide: () => Transition) => legacy(decide());
      })();

  let opening: Promise<CaseTransitionResult>;
  if (input.carried) {
    machine = CaseMachine.resume(input, input.carried);
    opening = Promise.resolve({ opened: [], closed: [], status: machine.current.status });
  } else {
    const opened = CaseMachine.open(input, Date.now());
    machine = opened.machine;
    opening = transit(() => opened.transition);
    log.info('Case opened', {
      caseId: input.caseId,
      chainId: input.chainId,
      modelVersion: input.modelVersion,
    });
  }
  // The caller of an intake the read side refused learns it from this Update; the workflow ends.
  const refused = opening.then(
    () => false,
    () => true,
  );

  setHandler(caseStateQuery, () => machine.current);
  setHandler(caseActionsQuery, (request) => judgeActions(machine, request, Date.now()));
  setHandler(readSideQuery, () => readSideExpectation(machine.current, busy, held));
  setHandler(caseOpenedUpdate, () => opening);
  setHandler(resyncReadSideUpdate, () => durableTransit(() => machine.resync(Date.now())));
  setHandler(releaseHoldSignal, () => {
    held = false;
  });
  setHandler(claimTaskUpdate, (request) => transit(() => machine.claim(request, Date.now())), {
    validator: (request) => machine.checkClaim(request),
  });
  setHandler(unclaimTaskUpdate, (request) => transit(() => machine.unclaim(request, Date.now())), {
    validator: (request) => machine.checkUnclaim(request),
  });
  setHandler(assignTaskUpdate, (request) => transit(() => machine.assign(request, Date.now())), {
    validator: (request) => machine.checkAssign(request),
  });
  setHandler(
    completeTaskUpdate,
    (request) => transit(() => machine.complete(request, Date.now())),
    { validator: (request) => machine.checkComplete(request) },
  );
  setHandler(returnTaskUpdate, (request) => transit(() => machine.return(request, Date.now())), {
    validator: (request) => machine.checkReturn(request),
  });
  setHandler(cancelCaseUpdate, (request) => transit(() => machine.cancel(request, Date.now())), {
    validator: (request) => machine.checkCancel(request),
  });
  setHandler(regisseurActionUpdate, (request) => transit(() => machine.act(request, Date.now())), {
    validator: (request) => machine.checkAction(request, Date.now()),
  });
  // A new Update (compatible, docs/workflows.md): cases of every age take it on the durable path.
  setHandler(
    migrateCaseUpdate,
    async (request) => {
      let decided: CaseMigrationView | undefined;
      await durableTransit(() => {
        const { transition, view } = machine.migrate(request, Date.now());
        decided = view;
        return transition;
      });
      return decided as CaseMigrationView;
    },
    { validator: (request) => machine.checkMigration(request, Date.now()) },
  );
  setHandler(migrationPreviewQuery, (request) => machine.previewMigration(request, Date.now()));

  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const historyFull = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit;

  // (Only on the durable path: legacy histories started their clocks before the first projection.)
  if (durable && (await refused)) {
    await condition(allHandlersFinished);
    throw caseFailure(
      CASE_FAILURE.notRecordable,
      'not-recordable',
      'The intake could not be recorded',
    );
  }

  // The norm clocks: sleep until the next deadline (or until a request moves it), then fire.
  const nextDeadline = () => (held ? null : machine.nextDeadline(Date.now()));
  while (machine.isOpen && !historyFull()) {
    const deadline = nextDeadline();
    const changed = () => !machine.isOpen || historyFull() || nextDeadline() !== deadline;
    const woken =
      deadline === null
        ? await condition(changed).then(() => true)
        : await condition(changed, Math.max(deadline - Date.now(), 1));
    if (!woken && machine.isOpen && deadline !== null && Date.now() >= deadline) {
      const fire = () => machine.fire(Date.now());
      await (durable ? durableTransit(fire, true) : transit(fire)).catch((error: unknown) => {
        // A refused timed transition holds the clocks (see `held`); anything else is a bug.
        const refusal =
          error instanceof ApplicationFailure && error.type === CASE_FAILURE.notRecordable;
        if (!refusal) throw error;
      });
    }
  }
  // Let in-flight Updates finish (and their projections land) before ending or continuing.
  await condition(() => allHandlersFinished() && !busy);

  if (machine.isOpen) {
    log.info('Continuing as new', {
      caseId: input.caseId,
      historyLength: workflowInfo().historyLength,
    });
    // The input the case runs on now: a migrated case continues on its new version.
    await continueAsNew<typeof caseWorkflow>({ ...machine.runsOn, carried: machine.current });
  }
  log.info('Case ended', { caseId: input.caseId, status: machine.current.status });
  const { ended } = machine.current.routing;
  return { opened: [], closed: [], status: machine.current.status, ...(ended ? { ended } : {}) };
}
