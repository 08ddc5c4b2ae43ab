import { ApplicationFailure } from '@temporalio/common';
import type { Actor, CaseWorkflowInput } from '@schakel/contracts';
import type { ReferenceModel } from '@schakel/reference-model/engine';
import { exampleModel } from '../../reference-model/test/example-models';
import { parallelModel } from '../../reference-model/test/model-builder';

export const caseworker = (organisationId: string): Actor => ({
  userId: `u-${organisationId}`,
  role: 'caseworker',
  organisationId,
});
export const regisseur: Actor = { userId: 'u-regie', role: 'regisseur', organisationId: null };

/** A debt-chain case opened by this caseworker: the intake of the arrears signal, nothing more. */
export function debtCase(openedBy: Actor = caseworker('gemeente')): CaseWorkflowInput {
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

/** The typed failure a refused request throws. */
export function refusal(run: () => unknown): ApplicationFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof ApplicationFailure) return error;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

/**
 * start -> split(a, b) -> join -> c -> end, with a date in the case: step `a` (p1) records it,
 * step `b` (p2) is due 10 working days before it, the case 4 weeks after it. `change` adds to it.
 */
export function datedModel(
  field: string,
  change: (model: ReferenceModel) => void = () => undefined,
): ReferenceModel {
  return parallelModel((m) => {
    m.fields.push({ id: field, label: 'Datum detentie-einde', type: 'date' });
    m.intake.form.push({ field, required: false });
    m.steps[0].form.push({ field, required: false });
    m.steps[1].sees.push(field);
    m.steps[1].norm = {
      target: { amount: 10, unit: 'workingDays' },
      anchor: { field, direction: 'before' },
    };
    m.caseNorm = { target: { amount: 4, unit: 'weeks' }, anchor: { field, direction: 'after' } };
    change(m);
  });
}
