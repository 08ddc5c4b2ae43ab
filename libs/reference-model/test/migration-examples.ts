import { editMapping, generateMapping, type MappingEdits } from '../src/migration';
import type { ReferenceModel } from '../src/model/reference-model.types';
import { modelWith, parallelModel, step } from './model-builder';

/**
 * Version 2 of the debt chain as issue 16's done-when test publishes it: `matching` renamed to
 * `triage` (a new name too, so only the owner can tell it is the same step), the first
 * conversation's norm tightened from four weeks to three, and outreach handed from the
 * municipality to social work (the municipality stays an alternative).
 */
export function debtChainVersion2(version1: ReferenceModel): ReferenceModel {
  const model = JSON.parse(JSON.stringify(version1)) as ReferenceModel;
  const rename = (id: string) => (id === 'matching' ? 'triage' : id);
  for (const step of model.steps) {
    if (step.id === 'matching') Object.assign(step, { id: 'triage', name: 'Triage' });
    if (step.id === 'outreach') {
      step.partner = 'maatschappelijk-werk';
      step.alternativePartners = ['gemeente'];
    }
    if (step.id === 'first-conversation' && step.norm) {
      step.norm.target = { amount: 3, unit: 'weeks' };
      step.norm.escalation = { amount: 4, unit: 'weeks' };
    }
  }
  model.routes = model.routes.map((route) => ({
    ...route,
    from: rename(route.from),
    to: rename(route.to),
  }));
  return model;
}

/** The owner's one edit to the generated plan: the renamed step. */
export const DEBT_CHAIN_EDITS: MappingEdits = { steps: [{ from: 'matching', to: ['triage'] }] };

/** The parallel model's two branches `a` and `b` merged into one step `ab`, split and join gone. */
export function mergedBranches() {
  const merged = modelWith((m) => {
    m.steps = [step('ab'), step('c')];
    m.routes = [
      { from: 'start', to: 'ab' },
      { from: 'ab', to: 'c' },
      { from: 'c', to: 'done' },
    ];
  });
  const mapping = editMapping(generateMapping(parallelModel(), merged), {
    steps: [
      { from: 'a', to: ['ab'] },
      { from: 'b', to: ['ab'] },
    ],
  });
  return { merged, mapping };
}
