import { reachable, successors } from '../model/graph';
import { ModelIndex } from '../model/model-index';
import { Gateway, ReferenceModel, START } from '../model/reference-model.types';
import { MigrationMapping } from './migration-plan.types';

/** The parallel split whose branches a join waits for. */
export function splitOf(model: ReferenceModel, joinId: string): Gateway | undefined {
  return (model.gateways ?? []).find((g) => g.type === 'parallelSplit' && g.join === joinId);
}

/**
 * Whether work at `node` is on a branch still heading for `joinId`: the join is reachable without
 * passing it or going back through its split (a rework loop into the split starts a new round).
 */
export function headsFor(
  model: ReferenceModel,
  index: ModelIndex,
  node: string,
  joinId: string,
): boolean {
  const split = splitOf(model, joinId)?.id;
  const next = successors(index);
  const seen = reachable([node], (id) =>
    id === joinId ? [] : next(id).filter((to) => to !== split),
  );
  return seen.has(joinId);
}

/** The new version's node for an old one: a step's first target, a gateway's counterpart, or the same id. */
export function nodeCounterpart(
  mapping: MigrationMapping,
  to: ModelIndex,
  node: string,
): string | undefined {
  if (node === START) return START;
  const step = mapping.steps.find((entry) => entry.from === node);
  if (step) return step.to[0];
  const gateway = mapping.gateways.find((entry) => entry.from === node);
  if (gateway) return gateway.to ?? undefined;
  return to.ends.has(node) ? node : undefined;
}

/**
 * Per route of the old version (by index, as the routing state counts them), the index of the
 * route of the new version that connects the counterparts of its ends for the same outcome; a
 * route with the same condition wins over another one.
 */
export function routeCounterparts(
  from: ReferenceModel,
  to: ReferenceModel,
  toIndex: ModelIndex,
  mapping: MigrationMapping,
): Map<number, number> {
  const counterparts = new Map<number, number>();
  from.routes.forEach((route, i) => {
    const source = nodeCounterpart(mapping, toIndex, route.from);
    const target = nodeCounterpart(mapping, toIndex, route.to);
    const candidates = to.routes
      .map((candidate, j) => ({ candidate, j }))
      .filter(
        ({ candidate }) =>
          candidate.from === source &&
          candidate.to === target &&
          candidate.on === route.on &&
          Boolean(candidate.rework) === Boolean(route.rework),
      );
    const best = candidates.find(({ candidate }) => candidate.when === route.when) ?? candidates[0];
    if (best) counterparts.set(i, best.j);
  });
  return counterparts;
}
