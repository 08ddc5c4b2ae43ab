import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  assignTaskUpdate,
  cancelCaseUpdate,
  caseOpenedUpdate,
  caseStateQuery,
  claimTaskUpdate,
  completeTaskUpdate,
  CURRENT_PARTNERS_ATTRIBUTE,
  returnTaskUpdate,
  unclaimTaskUpdate,
  type CaseActivities,
  type CaseTransitionResult,
  type CaseWorkflowInput,
} from '@schakel/contracts';
import { CaseMachine, type Transition } from './case-machine';

// Projection writes are idempotent (deterministic event ids, upserts), so retrying them until the
// database answers is safe; the case must never lose a transition because PostgreSQL blinked.
const { projectCase } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const DEFAULT_HISTORY_LIMIT = 10_000;

/**
 * One client case, from intake to its end state, following the snapshot of the model version it
 * started on. Every request is an Update: validated against the current state first (a refusal
 * leaves no trace), then decided synchronously, then projected to PostgreSQL in order.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseTransitionResult> {
  let machine: CaseMachine;
  let projected: Promise<void> = Promise.resolve();
  const afterProjection = (transition: Transition): Promise<CaseTransitionResult> => {
    machine.apply(transition);
    publishPartners(transition);
    // Chained so projections reach the database in the order they were decided.
    projected = projected.then(() =>
      transition.projection.events.length || transition.projection.opened.length
        ? projectCase(transition.projection)
        : undefined,
    );
    return projected.then(() => transition.result);
  };
  const publishPartners = (transition: Transition) => {
    upsertSearchAttributes({
      [CURRENT_PARTNERS_ATTRIBUTE.name]: transition.projection.caseChange.currentPartners,
    });
  };

  let opening: Promise<CaseTransitionResult>;
  if (input.carried) {
    machine = CaseMachine.resume(input, input.carried);
    opening = Promise.resolve({ opened: [], closed: [], status: machine.current.status });
  } else {
    const opened = CaseMachine.open(input, Date.now());
    machine = opened.machine;
    opening = afterProjection(opened.transition);
    log.info('Case opened', {
      caseId: input.caseId,
      chainId: input.chainId,
      modelVersion: input.modelVersion,
    });
  }

  setHandler(caseStateQuery, () => machine.current);
  setHandler(caseOpenedUpdate, () => opening);
  setHandler(claimTaskUpdate, (request) => afterProjection(machine.claim(request, Date.now())), {
    validator: (request) => machine.checkClaim(request),
  });
  setHandler(
    unclaimTaskUpdate,
    (request) => afterProjection(machine.unclaim(request, Date.now())),
    {
      validator: (request) => machine.checkUnclaim(request),
    },
  );
  setHandler(assignTaskUpdate, (request) => afterProjection(machine.assign(request, Date.now())), {
    validator: (request) => machine.checkAssign(request),
  });
  setHandler(
    completeTaskUpdate,
    (request) => afterProjection(machine.complete(request, Date.now())),
    {
      validator: (request) => machine.checkComplete(request),
    },
  );
  setHandler(returnTaskUpdate, (request) => afterProjection(machine.return(request, Date.now())), {
    validator: (request) => machine.checkReturn(request),
  });
  setHandler(cancelCaseUpdate, (request) => afterProjection(machine.cancel(request, Date.now())), {
    validator: (request) => machine.checkCancel(request),
  });

  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const historyFull = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit;
  await condition(() => !machine.isOpen || historyFull());
  // Let in-flight Updates finish (and their projections land) before ending or continuing.
  await condition(allHandlersFinished);
  await projected;

  if (machine.isOpen) {
    log.info('Continuing as new', {
      caseId: input.caseId,
      historyLength: workflowInfo().historyLength,
    });
    await continueAsNew<typeof caseWorkflow>({ ...input, carried: machine.current });
  }
  log.info('Case ended', { caseId: input.caseId, status: machine.current.status });
  return {
    opened: [],
    closed: [],
    status: machine.current.status,
    ...(machine.current.routing.ended ? { ended: machine.current.routing.ended } : {}),
  };
}
