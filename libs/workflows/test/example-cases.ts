import type { Actor, CaseWorkflowInput } from '@schakel/contracts';
import { exampleModel } from '../../reference-model/test/example-models';

/** A debt-chain case opened by this caseworker: the intake of the arrears signal, nothing more. */
export function debtCase(openedBy: Actor): CaseWorkflowInput {
  return {
    caseId: 'c2',
    chainId: 'vroegsignalering-schuldhulp',
    modelVersion: 1,
    model: exampleModel('vroegsignalering-schuldhulp.yaml'),
    category: 'arrears-signal',
    intensity: 'coordinate',
    openedBy,
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
