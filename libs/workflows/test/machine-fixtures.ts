import { ApplicationFailure } from '@temporalio/common';
import type { Actor, CaseWorkflowInput } from '@schakel/contracts';
import { exampleModel } from '../../reference-model/test/example-models';

const gemeente: Actor = { userId: 'u-gemeente', role: 'caseworker', organisationId: 'gemeente' };

/** A debt-chain case as its workflow starts it, opened by the municipality (machine tests). */
export function debtCase(): CaseWorkflowInput {
  return {
    caseId: 'c2',
    chainId: 'vroegsignalering-schuldhulp',
    modelVersion: 1,
    model: exampleModel('vroegsignalering-schuldhulp.yaml'),
    category: 'arrears-signal',
    intensity: 'coordinate',
    openedBy: gemeente,
    intake: { clientQuestion: 'Huurachterstand', clientReference: 'KP-TEST', idempotencyKey: null },
    data: {
      'client-name': 'K',
      'contact-address': 'M',
      'amount-owed': 100,
      'days-in-arrears': 70,
      'reminder-sent': true,
      'signal-source': 'housing',
    },
  };
}

/** The typed failure a request is refused with; fails the test when it is not refused. */
export function refusal(run: () => unknown): ApplicationFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof ApplicationFailure) return error;
    throw error;
  }
  throw new Error('expected the request to be refused');
}
