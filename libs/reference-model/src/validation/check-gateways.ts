import { reachable, successors, validRoutesFrom } from '../model/graph';
import { ModelIndex } from '../model/model-index';
import { ReferenceModel } from '../model/reference-model.types';
import { ModelProblem, pointer, problem } from './model-problem';

/**
 * Parallel splits and joins come in named pairs so the engine knows how many branches a join
 * waits for; every branch of a split must be able to reach its join.
 */
export function checkGateways(model: ReferenceModel, index: ModelIndex): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const gateways = model.gateways ?? [];
  const namedJoins = new Set(gateways.filter((g) => g.type === 'parallelSplit').map((g) => g.join));
  gateways.forEach((gateway, g) => {
    const at = (...rest: string[]) => pointer('gateways', g, ...rest);
    const outgoing = validRoutesFrom(index, gateway.id);
    if (gateway.type === 'parallelSplit') {
      const join = gateway.join === undefined ? undefined : index.gateways.get(gateway.join);
      if (!join || join.type !== 'parallelJoin') {
        const why =
          gateway.join === undefined
            ? 'names no join'
            : `names '${gateway.join}', which is not a parallelJoin`;
        problems.push(
          problem('split-without-join', at('join'), `parallel split '${gateway.id}' ${why}`),
        );
      } else {
        for (const route of outgoing) {
          if (!reachable([route.to], successors(index)).has(join.id)) {
            problems.push(
              problem(
                'split-without-join',
                at(),
                `branch '${route.to}' of split '${gateway.id}' never reaches its join '${join.id}'`,
              ),
            );
          }
        }
      }
      if (outgoing.length < 2) {
        problems.push(
          problem(
            'invalid-gateway-routes',
            at(),
            `parallel split '${gateway.id}' needs at least two outgoing routes`,
          ),
        );
      }
    }
    if (gateway.type === 'parallelJoin') {
      if (!namedJoins.has(gateway.id)) {
        problems.push(
          problem(
            'join-without-split',
            at(),
            `parallel join '${gateway.id}' is not the join of any parallel split`,
          ),
        );
      }
      if (outgoing.length !== 1) {
        problems.push(
          problem(
            'invalid-gateway-routes',
            at(),
            `parallel join '${gateway.id}' needs exactly one outgoing route`,
          ),
        );
      }
    }
    if (gateway.type !== 'parallelSplit' && gateway.join !== undefined) {
      problems.push(
        problem('invalid-gateway-routes', at('join'), `only a parallelSplit names a join`),
      );
    }
    if (gateway.type !== 'exclusive') {
      // A split's branch may carry `when` (an inclusive split); nothing else may be conditional.
      const whenAllowed = gateway.type === 'parallelSplit';
      for (const route of outgoing) {
        const conditional = route.on !== undefined || route.rework !== undefined;
        if (conditional || (!whenAllowed && route.when !== undefined)) {
          const remove = whenAllowed ? "'on' and 'rework'" : "'on', 'when' and 'rework'";
          problems.push(
            problem(
              'conditional-parallel-branch',
              pointer('routes', model.routes.indexOf(route)),
              `routes leaving parallel gateway '${gateway.id}' are taken without a choice; remove ${remove}`,
            ),
          );
        }
      }
    }
  });
  return [...problems, ...checkTargetedRework(model, index)];
}

/** `rework.branches` names branches of the parallel split the rework route loops back into. */
function checkTargetedRework(model: ReferenceModel, index: ModelIndex): ModelProblem[] {
  return model.routes.flatMap((route, r) => {
    const branches = route.rework?.branches;
    if (!branches) return [];
    const at = pointer('routes', r, 'rework', 'branches');
    if (index.gateways.get(route.to)?.type !== 'parallelSplit') {
      return [
        problem(
          'unknown-target',
          at,
          `rework.branches names branches of a parallel split, but '${route.to}' is not one`,
        ),
      ];
    }
    const targets = validRoutesFrom(index, route.to).map((branch) => branch.to);
    return branches.flatMap((branch, b) =>
      targets.includes(branch)
        ? []
        : [
            problem(
              'unknown-target',
              pointer('routes', r, 'rework', 'branches', b),
              `'${branch}' is not a branch of split '${route.to}' (its branches: ${targets.join(', ')})`,
            ),
          ],
    );
  });
}
