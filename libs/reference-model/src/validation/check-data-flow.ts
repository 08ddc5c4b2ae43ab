import { parseExpression } from '../expression/parse-expression';
import { ExpressionError } from '../expression/expression-error';
import { referencedFields } from '../expression/visit-expression';
import { validRoutesFrom } from '../model/graph';
import { stepVisibleFields } from '../engine/visible-fields';
import { ModelIndex } from '../model/model-index';
import { ReferenceModel, Step } from '../model/reference-model.types';
import { ModelProblem, pointer, problem } from './model-problem';

/**
 * Steps that receive a handover from `id`, looking through gateways. A targeted rework route
 * into a split reaches only the branches it names.
 */
export function receivingSteps(index: ModelIndex, id: string): Step[] {
  const found = new Map<string, Step>();
  const seen = new Set<string>();
  const walk = (from: string, only?: string[]) => {
    for (const route of validRoutesFrom(index, from)) {
      if (only && !only.includes(route.to)) continue;
      const node = index.nodes.get(route.to);
      if (node?.kind === 'step') found.set(node.id, node.step);
      const branches = route.rework?.branches;
      const key = `${route.to} ${branches?.join(',') ?? ''}`;
      if (node?.kind === 'gateway' && !seen.has(key)) {
        seen.add(key);
        walk(node.id, branches);
      }
    }
  };
  walk(id);
  return [...found.values()];
}

function fieldsInConditions(model: ReferenceModel): { field: string; route: number }[] {
  return model.routes.flatMap((route, r) => {
    if (route.when === undefined) return [];
    try {
      return referencedFields(parseExpression(route.when)).map((field) => ({ field, route: r }));
    } catch (error) {
      if (error instanceof ExpressionError) return []; // reported as invalid-expression
      throw error;
    }
  });
}

/** Fields some form collects: the intake's, a step's or a contribution's. */
export function collectedFields(model: ReferenceModel): Set<string> {
  return new Set(
    [
      ...model.intake.form,
      ...model.steps.flatMap((s) => [
        ...s.form,
        ...(s.contributors ?? []).flatMap((c) => c.form ?? []),
      ]),
    ].map((f) => f.field),
  );
}

/** Conditions read only collected data; handovers carry only what the receiver may see. */
export function checkDataFlow(model: ReferenceModel, index: ModelIndex): ModelProblem[] {
  const collected = collectedFields(model);
  const neverCollected = fieldsInConditions(model)
    .filter(({ field }) => index.fields.has(field) && !collected.has(field))
    .map(({ field, route }) =>
      problem(
        'field-never-collected',
        pointer('routes', route, 'when'),
        `condition reads field '${field}', but neither the intake nor any step's form collects it`,
      ),
    );
  const notVisible = model.steps.flatMap((step, s) =>
    receivingSteps(index, step.id).flatMap((receiver) => {
      const visible = stepVisibleFields(receiver);
      return step.handsOver.flatMap((field, f) =>
        visible.has(field)
          ? []
          : [
              problem(
                'handover-not-visible',
                pointer('steps', s, 'handsOver', f),
                `step '${step.id}' hands over '${field}' to step '${receiver.id}', which may not see it; add it to that step's 'sees' or stop handing it over`,
              ),
            ],
      );
    }),
  );
  return [...neverCollected, ...notVisible];
}
