import { ModelIndex } from '../model/model-index';
import { predecessors, reachable, reachableFromStart, validRoutesFrom } from '../model/graph';
import { ReferenceModel, Route, START } from '../model/reference-model.types';
import { ModelProblem, pointer, problem } from './model-problem';

type NodeKind = 'steps' | 'gateways' | 'ends';

function nodePath(model: ReferenceModel, id: string): { path: string; label: string } {
  const lists: [NodeKind, { id: string }[] | undefined, string][] = [
    ['steps', model.steps, 'step'],
    ['gateways', model.gateways, 'gateway'],
    ['ends', model.ends, 'end'],
  ];
  for (const [kind, list, label] of lists) {
    const i = (list ?? []).findIndex((n) => n.id === id);
    if (i >= 0) return { path: pointer(kind, i), label: `${label} '${id}'` };
  }
  return { path: '', label: `'${id}'` };
}

function checkReachability(model: ReferenceModel, index: ModelIndex): ModelProblem[] {
  if (!index.outgoing.has(START)) {
    return [problem('no-start-route', '/routes', "no route leaves 'start', so no case can begin")];
  }
  const fromStart = reachableFromStart(index);
  const toEnd = reachable(index.ends.keys(), predecessors(index));
  const problems: ModelProblem[] = [];
  for (const id of index.nodes.keys()) {
    if (id === START) continue;
    const { path, label } = nodePath(model, id);
    if (!fromStart.has(id)) {
      problems.push(problem('unreachable-step', path, `${label} cannot be reached from the start`));
    } else if (!toEnd.has(id)) {
      problems.push(
        problem(
          'no-path-to-end',
          path,
          `no end can be reached from ${label}: a case arriving there never finishes`,
        ),
      );
    }
  }
  return problems;
}

/** A route without condition that cannot run out (no rework bound) guarantees progress. */
const isFallback = (route: Route) => route.when === undefined && route.rework === undefined;

function checkOutcomes(model: ReferenceModel, index: ModelIndex): ModelProblem[] {
  return model.steps.flatMap((step, s) =>
    step.outcomes.flatMap((outcome, o) => {
      const routes = validRoutesFrom(index, step.id).filter(
        (r) => r.on === undefined || r.on === outcome.id,
      );
      const path = pointer('steps', s, 'outcomes', o);
      if (routes.length === 0) {
        return [
          problem(
            'outcome-without-route',
            path,
            `outcome '${outcome.id}' of step '${step.id}' has no route`,
          ),
        ];
      }
      if (!routes.some(isFallback)) {
        return [
          problem(
            'no-default-route',
            path,
            `every route for outcome '${outcome.id}' of step '${step.id}' has a condition or a rework bound; add one without, as the last route, so the case can always move on`,
          ),
        ];
      }
      return [];
    }),
  );
}

function checkDecisionPoints(model: ReferenceModel, index: ModelIndex): ModelProblem[] {
  const decisions = [
    START,
    ...[...index.gateways.values()].filter((g) => g.type === 'exclusive').map((g) => g.id),
  ];
  return decisions.flatMap((id) => {
    const routes = validRoutesFrom(index, id);
    return routes.length > 0 && !routes.some(isFallback)
      ? [
          problem(
            'no-default-route',
            id === START ? '/routes' : nodePath(model, id).path,
            `every route leaving '${id}' has a condition; add one without, as the last route`,
          ),
        ]
      : [];
  });
}

/**
 * Every loop must contain a route with a rework bound. Without bounded routes the graph must be
 * acyclic, so a DFS over it finds each offending route as a back edge.
 */
function checkRework(model: ReferenceModel, index: ModelIndex): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const state = new Map<string, 'active' | 'done'>();
  const visit = (id: string) => {
    state.set(id, 'active');
    for (const route of validRoutesFrom(index, id)) {
      if (route.rework) continue;
      const seen = state.get(route.to);
      if (seen === 'active') {
        const r = model.routes.indexOf(route);
        problems.push(
          problem(
            'unbounded-rework',
            pointer('routes', r),
            `route from '${route.from}' back to '${route.to}' closes a loop without a bound; add rework.maxIterations`,
          ),
        );
      } else if (seen === undefined) {
        visit(route.to);
      }
    }
    state.set(id, 'done');
  };
  for (const id of index.nodes.keys()) if (!state.has(id)) visit(id);
  return problems;
}

/** The flow: every node reachable and able to finish, every outcome routed, every loop bounded. */
export function checkFlow(model: ReferenceModel, index: ModelIndex): ModelProblem[] {
  return [
    ...checkReachability(model, index),
    ...checkOutcomes(model, index),
    ...checkDecisionPoints(model, index),
    ...checkRework(model, index),
  ];
}
