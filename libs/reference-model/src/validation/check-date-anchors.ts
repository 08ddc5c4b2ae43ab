import { stepVisibleFields } from '../engine/visible-fields';
import { ModelIndex } from '../model/model-index';
import { Norm, NormTerms, ReferenceModel, Step } from '../model/reference-model.types';
import { collectedFields } from './check-data-flow';
import { ModelProblem, pointer, problem } from './model-problem';

/** A norm's own terms and each intensity override, with where they sit in the document. */
function termsOf(
  norm: Norm | undefined,
  base: (string | number)[],
): { terms: NormTerms; at: (string | number)[] }[] {
  if (!norm) return [];
  const overrides = Object.entries(norm.byIntensity ?? {}).map(([intensity, terms]) => ({
    terms,
    at: [...base, 'byIntensity', intensity],
  }));
  return [{ terms: norm, at: base }, ...overrides];
}

function checkAnchor(
  index: ModelIndex,
  collected: Set<string>,
  { terms, at }: { terms: NormTerms; at: (string | number)[] },
  step: Step | undefined,
): ModelProblem[] {
  const { anchor } = terms;
  if (!anchor) return [];
  const problems: ModelProblem[] = [];
  const owner = step ? `step '${step.id}'` : 'the case norm';
  if (terms.startsAt !== undefined || terms.afterStep !== undefined) {
    problems.push(
      problem(
        'invalid-value',
        pointer(...at, terms.startsAt !== undefined ? 'startsAt' : 'afterStep'),
        `${owner} is anchored to '${anchor.field}'; a norm anchored to a date does not also start at an event`,
      ),
    );
  }
  const field = index.fields.get(anchor.field);
  const where = pointer(...at, 'anchor', 'field');
  if (!field) {
    problems.push(
      problem('unknown-field', where, `field '${anchor.field}' is not in the field list`),
    );
  } else if (field.type !== 'date') {
    problems.push(
      problem(
        'not-a-date-field',
        where,
        `${owner} is anchored to '${field.id}', a ${field.type} field; a norm can only count from or back to a date`,
      ),
    );
  } else if (field.personal) {
    problems.push(
      problem(
        'personal-date-anchor',
        where,
        `${owner} is anchored to '${field.id}', personal data; a due date is process data the regisseur and every partner of the case see, so it would show the date to them`,
      ),
    );
  } else if (step && !stepVisibleFields(step).has(field.id)) {
    problems.push(
      problem(
        'date-not-visible',
        where,
        `${owner} is due ${anchor.direction} '${field.id}', which its partner may not see; add it to the step's 'sees'`,
      ),
    );
  } else if (!collected.has(field.id)) {
    problems.push(
      problem(
        'field-never-collected',
        where,
        `${owner} is anchored to '${field.id}', but neither the intake nor any step's form collects it, so the clock would never start`,
      ),
    );
  }
  return problems;
}

/**
 * Norms anchored to a date read an existing date field that some form collects and that the
 * step's partner may see (the case norm has no partner of its own). The date is no personal data:
 * a due date is process data, which the regisseur and every partner of the case see.
 */
export function checkDateAnchors(model: ReferenceModel, index: ModelIndex): ModelProblem[] {
  const collected = collectedFields(model);
  return [
    ...model.steps.flatMap((step, s) =>
      termsOf(step.norm, ['steps', s, 'norm']).flatMap((terms) =>
        checkAnchor(index, collected, terms, step),
      ),
    ),
    ...termsOf(model.caseNorm, ['caseNorm']).flatMap((terms) =>
      checkAnchor(index, collected, terms, undefined),
    ),
  ];
}
