import { parseExpression } from '../expression/parse-expression';
import { ExpressionError } from '../expression/expression-error';
import { Expression } from '../expression/expression.types';
import { visitExpression } from '../expression/visit-expression';
import { ModelIndex } from '../model/model-index';
import { FormField, Norm, ReferenceModel } from '../model/reference-model.types';
import { ModelProblem, pointer, problem } from './model-problem';

function checkFields(
  index: ModelIndex,
  fields: string[],
  base: (string | number)[],
): ModelProblem[] {
  return fields.flatMap((field, i) =>
    index.fields.has(field)
      ? []
      : [
          problem(
            'unknown-field',
            pointer(...base, i),
            `field '${field}' is not in the field list`,
          ),
        ],
  );
}

const formFieldIds = (form: FormField[]) => form.map((f) => f.field);

function checkNorm(
  index: ModelIndex,
  norm: Norm | undefined,
  base: (string | number)[],
): ModelProblem[] {
  const terms = [{ terms: norm, at: base }];
  for (const [intensity, override] of Object.entries(norm?.byIntensity ?? {})) {
    terms.push({ terms: override, at: [...base, 'byIntensity', intensity] });
  }
  return terms.flatMap(({ terms: t, at }) =>
    t?.afterStep && !index.steps.has(t.afterStep)
      ? [
          problem(
            'unknown-step',
            pointer(...at, 'afterStep'),
            `the clock starts after step '${t.afterStep}', which does not exist`,
          ),
        ]
      : [],
  );
}

/** A partner (with the role it acts in) named at `base`: it must exist and have that role. */
function checkPartnerRole(
  index: ModelIndex,
  who: { partner: string; role?: string },
  base: (string | number)[],
  what: string,
): ModelProblem[] {
  const partner = index.partners.get(who.partner);
  if (!partner) {
    return [
      problem(
        'unknown-partner',
        pointer(...base, 'partner'),
        `${what} names partner '${who.partner}', which is not in the partner list`,
      ),
    ];
  }
  if (who.role && !partner.roles.includes(who.role)) {
    return [
      problem(
        'unknown-role',
        pointer(...base, 'role'),
        `partner '${partner.id}' does not act in role '${who.role}' (its roles: ${partner.roles.join(', ')})`,
      ),
    ];
  }
  return [];
}

function checkPartners(model: ReferenceModel, index: ModelIndex): ModelProblem[] {
  return model.steps.flatMap((step, s) => {
    const problems = checkPartnerRole(index, step, ['steps', s], `step '${step.id}'`);
    (step.contributors ?? []).forEach((contributor, c) => {
      const at = ['steps', s, 'contributors', c];
      problems.push(
        ...checkPartnerRole(index, contributor, at, `a contributor of step '${step.id}'`),
        ...checkFields(index, formFieldIds(contributor.form ?? []), [...at, 'form']).map((p) => ({
          ...p,
          path: `${p.path}/field`,
        })),
      );
    });
    (step.alternativePartners ?? []).forEach((alternative, a) => {
      if (!index.partners.has(alternative)) {
        problems.push(
          problem(
            'unknown-partner',
            pointer('steps', s, 'alternativePartners', a),
            `alternative partner '${alternative}' is not in the partner list`,
          ),
        );
      }
    });
    return problems;
  });
}

function checkStepReferences(model: ReferenceModel, index: ModelIndex): ModelProblem[] {
  return model.steps.flatMap((step, s) => [
    ...checkFields(index, formFieldIds(step.form), ['steps', s, 'form']).map((p) => ({
      ...p,
      path: `${p.path}/field`,
    })),
    ...checkFields(index, step.sees, ['steps', s, 'sees']),
    ...checkFields(index, step.handsOver, ['steps', s, 'handsOver']),
    ...(step.onSkip && !step.outcomes.some((o) => o.id === step.onSkip)
      ? [
          problem(
            'unknown-outcome',
            pointer('steps', s, 'onSkip'),
            `step '${step.id}' has no outcome '${step.onSkip}' to use when skipped`,
          ),
        ]
      : []),
    ...checkNorm(index, step.norm, ['steps', s, 'norm']),
  ]);
}

function checkCondition(
  model: ReferenceModel,
  index: ModelIndex,
  expression: Expression,
  at: string,
): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const categories = new Set(model.intake.categories.map((c) => c.id));
  const checkCategory = (value: unknown) => {
    if (typeof value === 'string' && !categories.has(value)) {
      problems.push(problem('unknown-category', at, `intake category '${value}' does not exist`));
    }
  };
  visitExpression(expression, (node) => {
    if (node.type === 'data' && !index.fields.has(node.field)) {
      problems.push(
        problem(
          'unknown-field',
          at,
          `condition reads field '${node.field}', which is not in the field list`,
        ),
      );
    }
    if (node.type === 'in' && node.operand.type === 'intake' && node.operand.key === 'category') {
      node.values.forEach(checkCategory);
    }
    if (node.type === 'compare') {
      for (const [side, other] of [
        [node.left, node.right],
        [node.right, node.left],
      ]) {
        if (side.type === 'intake' && side.key === 'category' && other.type === 'literal')
          checkCategory(other.value);
      }
    }
  });
  return problems;
}

function checkRoutes(model: ReferenceModel, index: ModelIndex): ModelProblem[] {
  return model.routes.flatMap((route, r) => {
    const problems: ModelProblem[] = [];
    const from = index.nodes.get(route.from);
    if (!from || from.kind === 'end') {
      const why = from ? 'an end has no outgoing routes' : 'no step, gateway or start has that id';
      problems.push(
        problem(
          'unknown-source',
          pointer('routes', r, 'from'),
          `route leaves from '${route.from}': ${why}`,
        ),
      );
    }
    const to = index.nodes.get(route.to);
    if (!to || to.kind === 'start') {
      problems.push(
        problem(
          'unknown-target',
          pointer('routes', r, 'to'),
          `route from '${route.from}' goes to '${route.to}', which is not a step, gateway or end`,
        ),
      );
    }
    if (route.on !== undefined && from) {
      if (from.kind !== 'step') {
        problems.push(
          problem(
            'unknown-outcome',
            pointer('routes', r, 'on'),
            `only routes leaving a step can depend on an outcome; '${route.from}' is not a step`,
          ),
        );
      } else if (!from.step.outcomes.some((o) => o.id === route.on)) {
        problems.push(
          problem(
            'unknown-outcome',
            pointer('routes', r, 'on'),
            `step '${route.from}' has no outcome '${route.on}' (its outcomes: ${from.step.outcomes.map((o) => o.id).join(', ')})`,
          ),
        );
      }
    }
    if (route.when !== undefined) {
      const at = pointer('routes', r, 'when');
      try {
        problems.push(...checkCondition(model, index, parseExpression(route.when), at));
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        problems.push(
          problem(
            'invalid-expression',
            at,
            `condition '${route.when}' cannot be read: ${error.message}`,
          ),
        );
      }
    }
    return problems;
  });
}

/** Every id a model mentions must exist: partners, roles, fields, steps, outcomes, categories. */
export function checkReferences(model: ReferenceModel, index: ModelIndex): ModelProblem[] {
  return [
    ...checkPartners(model, index),
    ...checkFields(index, formFieldIds(model.intake.form), ['intake', 'form']).map((p) => ({
      ...p,
      path: `${p.path}/field`,
    })),
    ...checkStepReferences(model, index),
    ...checkNorm(index, model.caseNorm, ['caseNorm']),
    ...checkRoutes(model, index),
  ];
}
