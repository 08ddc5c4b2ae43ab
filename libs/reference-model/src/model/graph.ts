import { ModelIndex } from './model-index';
import { Route, START } from './reference-model.types';

/** Routes that lead to an existing node; broken ones are reported elsewhere and ignored here. */
export function validRoutesFrom(index: ModelIndex, id: string): Route[] {
  return (index.outgoing.get(id) ?? []).filter((r) => {
    const target = index.nodes.get(r.to);
    return target !== undefined && target.kind !== 'start';
  });
}

/** Node ids reachable from `from` following `next`, including `from` itself. */
export function reachable(from: Iterable<string>, next: (id: string) => string[]): Set<string> {
  const seen = new Set<string>(from);
  const queue = [...seen];
  while (queue.length > 0) {
    for (const id of next(queue.shift() as string)) {
      if (!seen.has(id)) {
        seen.add(id);
        queue.push(id);
      }
    }
  }
  return seen;
}

export const successors = (index: ModelIndex) => (id: string) =>
  validRoutesFrom(index, id).map((r) => r.to);

export const predecessors = (index: ModelIndex) => (id: string) =>
  (index.incoming.get(id) ?? []).filter((r) => index.nodes.has(r.from)).map((r) => r.from);

/** Nodes reachable from the start event. */
export function reachableFromStart(index: ModelIndex): Set<string> {
  return reachable([START], successors(index));
}
