import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  proxyLocalActivities,
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
  regisseurActionUpdate,
  returnTaskUpdate,
  unclaimTaskUpdate,
  type CaseActivities,
  type CaseTransitionResult,
  type CaseWorkflowInput,
} from '@schakel/contracts';
import { CaseMachine, type Transition } from './case-machine';

// Local activities: a projection is a short database write on the worker that runs the workflow,
// so it needs no task-queue round trip (measured: the largest cost per handover, docs/performance.md).
// Projection writes are idempotent (deterministic event ids, upserts), so retrying them until the
// database answers is safe; the case must never lose a transition because PostgreSQL blinked.
const { projectCase } = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Enqueueing is idempotent by event id; a malformed event will never succeed, so it is not retried.
const { notifyPartners } = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute', nonRetryableErrorTypes: ['InvalidNotificationEventError'] },
});

const DEFAULT_HISTORY_LIMIT = 10_000;

/**
 * One client case, from intake to its end state, following the snapshot of the model version it
 * started on. Requests are Updates: validated against the current state first (a refusal leaves no
 * trace), decided synchronously, then projected to PostgreSQL in order. Between requests the
 * workflow sleeps on a durable timer until the next norm deadline.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseTransitionResult> {
  let machine: CaseMachine;
  let projected: Promise<void> = Promise.resolve();
  let publishedPartners = '';
  const afterProjection = (transition: Transition): Promise<CaseTransitionResult> => {
    machine.apply(transition);
    const { projection, notifications, currentPartners } = transition;
    // Only when they change: each upsert is a command in the history.
    if (currentPartners.join() !== publishedPartners) {
      publishedPartners = currentPartners.join();
      upsertSearchAttributes({ [CURRENT_PARTNERS_ATTRIBUTE.name]: currentPartners });
    }
    // Chained so projections reach the database in the order they were decided.
    projected = projected.then(async () => {
      if (projection.events.length || projection.opened.length || projection.escalations?.length) {
        await projectCase(projection);
      }
      if (notifications.length) await notifyPartners(notifications);
    });
    return projected.then(() => transition.result);
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
  setHandler(
    regisseurActionUpdate,
    (request) => afterProjection(machine.act(request, Date.now())),
    {
      validator: (request) => machine.checkAction(request, Date.now()),
    },
  );

  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const historyFull = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit;

  // The norm clocks: sleep until the next deadline (or until a request moves it), then fire.
  while (machine.isOpen && !historyFull()) {
    const deadline = machine.nextDeadline(Date.now());
    const changed = () =>
      !machine.isOpen || historyFull() || machine.nextDeadline(Date.now()) !== deadline;
    const woken =
      deadline === null
        ? await condition(changed).then(() => true)
        : await condition(changed, Math.max(deadline - Date.now(), 1));
    if (!woken && machine.isOpen && deadline !== null && Date.now() >= deadline) {
      await afterProjection(machine.fire(Date.now()));
    }
  }
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
  const { ended } = machine.current.routing;
  return { opened: [], closed: [], status: machine.current.status, ...(ended ? { ended } : {}) };
}
