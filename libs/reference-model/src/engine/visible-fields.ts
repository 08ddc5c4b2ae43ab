import { ReferenceModel, Step } from '../model/reference-model.types';

/**
 * A step may see the fields it collects itself plus those it declares in `sees`; in a joint step
 * the lead and the contributors also see what every contribution collects.
 */
export function stepVisibleFields(step: Step): Set<string> {
  const contributed = (step.contributors ?? []).flatMap((c) => c.form ?? []);
  return new Set([...step.form, ...contributed].map((f) => f.field).concat(step.sees));
}

/**
 * Need-to-know: the case data a partner may see is the union over the steps it holds (default
 * deny: unknown step ids add nothing). Returned in the model's field order.
 */
export function visibleFields(model: ReferenceModel, stepIds: readonly string[]): string[] {
  const visible = new Set<string>();
  for (const step of model.steps) {
    if (stepIds.includes(step.id)) stepVisibleFields(step).forEach((f) => visible.add(f));
  }
  return model.fields.map((f) => f.id).filter((id) => visible.has(id));
}
