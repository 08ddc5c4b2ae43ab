import {
  End,
  FieldDefinition,
  Gateway,
  Partner,
  ReferenceModel,
  Route,
  START,
  Step,
} from './reference-model.types';

export type FlowNode =
  | { kind: 'start'; id: typeof START }
  | { kind: 'step'; id: string; step: Step }
  | { kind: 'gateway'; id: string; gateway: Gateway }
  | { kind: 'end'; id: string; end: End };

/** Lookup tables over a model; built once per call because models are small and immutable. */
export interface ModelIndex {
  partners: Map<string, Partner>;
  fields: Map<string, FieldDefinition>;
  steps: Map<string, Step>;
  gateways: Map<string, Gateway>;
  ends: Map<string, End>;
  /** Every node a route may leave from or lead to, keyed by id. */
  nodes: Map<string, FlowNode>;
  /** Outgoing routes per node, in declaration order (order decides which route wins). */
  outgoing: Map<string, Route[]>;
  incoming: Map<string, Route[]>;
}

function byId<T extends { id: string }>(items: readonly T[] | undefined): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items ?? []) if (!map.has(item.id)) map.set(item.id, item);
  return map;
}

function groupBy(routes: readonly Route[], key: 'from' | 'to'): Map<string, Route[]> {
  const map = new Map<string, Route[]>();
  for (const route of routes) map.set(route[key], [...(map.get(route[key]) ?? []), route]);
  return map;
}

export function indexModel(model: ReferenceModel): ModelIndex {
  const steps = byId(model.steps);
  const gateways = byId(model.gateways);
  const ends = byId(model.ends);
  const nodes = new Map<string, FlowNode>([[START, { kind: 'start', id: START }]]);
  // Ids are one namespace; on a clash (reported as duplicate-id) steps win over gateways over ends.
  for (const [id, end] of ends) nodes.set(id, { kind: 'end', id, end });
  for (const [id, gateway] of gateways) nodes.set(id, { kind: 'gateway', id, gateway });
  for (const [id, step] of steps) nodes.set(id, { kind: 'step', id, step });
  return {
    partners: byId(model.partners),
    fields: byId(model.fields),
    steps,
    gateways,
    ends,
    nodes,
    outgoing: groupBy(model.routes, 'from'),
    incoming: groupBy(model.routes, 'to'),
  };
}
