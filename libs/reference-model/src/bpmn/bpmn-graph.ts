import { reachable, successors, validRoutesFrom } from '../model/graph';
import { indexModel } from '../model/model-index';
import { ReferenceModel, Route, START } from '../model/reference-model.types';

export type BpmnNodeType =
  | 'startEvent'
  | 'userTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'endEvent';

export interface BpmnNode {
  id: string;
  type: BpmnNodeType;
  name?: string;
  documentation?: string;
  /** Partner id of the lane the node is drawn in. */
  lane: string;
}

export interface BpmnFlow {
  id: string;
  source: string;
  target: string;
  name?: string;
  condition?: string;
  /** A rework route: drawn as a loop back. */
  rework: boolean;
}

export interface BpmnGraph {
  nodes: BpmnNode[];
  flows: BpmnFlow[];
  /** Source node id to the id of its default flow (the unconditional route of a decision). */
  defaults: Map<string, string>;
  lanes: { id: string; name: string }[];
}

const elementId = (prefix: string, id: string) => `${prefix}_${id}`;

function condition(route: Route): string | undefined {
  const parts = [route.on && `outcome == '${route.on}'`, route.when && `(${route.when})`].filter(
    Boolean,
  );
  return parts.length > 0 ? parts.join(' && ') : undefined;
}

/**
 * The model as BPMN flow nodes and sequence flows. A step or start with more than one route gets
 * an exclusive gateway after it, so BPMN tools show the decision explicitly.
 */
export function toBpmnGraph(model: ReferenceModel): BpmnGraph {
  const index = indexModel(model);
  const usedPartners = new Set(model.steps.map((s) => s.partner));
  const lanes = model.partners
    .filter((p) => usedPartners.has(p.id))
    .map((p) => ({ id: p.id, name: p.name }));
  const laneOf = laneResolver(model);
  const nodes: BpmnNode[] = [
    { id: elementId('StartEvent', START), type: 'startEvent', name: 'Start', lane: laneOf(START) },
  ];
  const ids = new Map<string, string>([[START, nodes[0].id]]);
  for (const step of model.steps) {
    ids.set(step.id, elementId('Task', step.id));
    // A joint step stays one task, in the lead's lane; its contributors are named with it.
    const contributors = (step.contributors ?? []).map(
      (c) => index.partners.get(c.partner)?.name ?? c.partner,
    );
    nodes.push({
      id: elementId('Task', step.id),
      type: 'userTask',
      name: contributors.length > 0 ? `${step.name} (met ${contributors.join(', ')})` : step.name,
      documentation: [
        step.instructions,
        ...(contributors.length > 0 ? [`Bijdragen van: ${contributors.join(', ')}.`] : []),
      ].join('\n'),
      lane: step.partner,
    });
  }
  const inclusive = inclusiveGateways(model);
  for (const gateway of model.gateways ?? []) {
    ids.set(gateway.id, elementId('Gateway', gateway.id));
    const type =
      gateway.type === 'exclusive'
        ? 'exclusiveGateway'
        : inclusive.has(gateway.id)
          ? 'inclusiveGateway'
          : 'parallelGateway';
    nodes.push({
      id: elementId('Gateway', gateway.id),
      type,
      name: gateway.name,
      lane: laneOf(gateway.id),
    });
  }
  for (const end of model.ends) {
    ids.set(end.id, elementId('EndEvent', end.id));
    nodes.push({
      id: elementId('EndEvent', end.id),
      type: 'endEvent',
      name: end.name,
      lane: laneOf(end.id),
    });
  }
  const flows: BpmnFlow[] = [];
  const defaults = new Map<string, string>();
  // Flows are named by the outcome's label, which is what caseworkers see.
  const outcomeLabel = (route: Route) =>
    route.on &&
    (index.steps.get(route.from)?.outcomes.find((o) => o.id === route.on)?.label ?? route.on);
  const addFlow = (source: string, target: string, route?: Route) => {
    const id = `Flow_${flows.length + 1}`;
    const branches = route?.rework?.branches?.map((b) => index.steps.get(b)?.name ?? b);
    const rework = route?.rework
      ? `max ${route.rework.maxIterations}x${branches ? ` (${branches.join(', ')})` : ''}`
      : undefined;
    flows.push({
      id,
      source,
      target,
      name: [route && outcomeLabel(route), rework].filter(Boolean).join(', ') || undefined,
      condition: route && condition(route),
      rework: !!route?.rework,
    });
    return id;
  };
  /** Decision gateway element to the step (or start) whose decision it draws. */
  const decisions = new Map<string, string>();
  for (const [from, routes] of index.outgoing) {
    const source = ids.get(from);
    if (!source) continue;
    const node = index.nodes.get(from);
    const decides =
      node?.kind === 'gateway' ? node.gateway.type === 'exclusive' : routes.length > 1;
    let origin = source;
    if (decides && node?.kind !== 'gateway') {
      origin = elementId('Gateway', `${from}-decision`);
      decisions.set(origin, from);
      nodes.push({ id: origin, type: 'exclusiveGateway', lane: laneOf(from) });
      addFlow(source, origin);
    }
    for (const route of routes) {
      const target = ids.get(route.to);
      if (!target) continue;
      const conditional = decides || inclusive.has(from);
      const flow = addFlow(
        origin,
        target,
        conditional ? route : { ...route, when: undefined, on: undefined },
      );
      if (decides && !route.on && !route.when && !route.rework && !defaults.has(origin))
        defaults.set(origin, flow);
    }
  }
  const owners = new Map<string, string>(decisions);
  for (const [id, element] of ids) owners.set(element, id);
  mergeBeforeJoins(model, { nodes, flows, owners, laneOf, addFlow });
  return { nodes, flows, defaults, lanes };
}

/**
 * A parallel (or inclusive) join in BPMN waits for a token on every incoming flow, so when one
 * branch reaches the join along several flows (a decision inside the branch), those flows first
 * meet in a converging exclusive gateway: the join gets exactly one flow per branch.
 */
function mergeBeforeJoins(
  model: ReferenceModel,
  graph: {
    nodes: BpmnNode[];
    flows: BpmnFlow[];
    /** Flow-node element to the model node it draws. */
    owners: Map<string, string>;
    laneOf: (id: string) => string;
    addFlow: (source: string, target: string) => string;
  },
): void {
  const index = indexModel(model);
  for (const split of index.gateways.values()) {
    const joinElement = split.join && elementId('Gateway', split.join);
    if (split.type !== 'parallelSplit' || !split.join || !joinElement) continue;
    const join = split.join;
    const next = (id: string) => (id === join ? [] : successors(index)(id));
    const branches = validRoutesFrom(index, split.id).map((route) => reachable([route.to], next));
    const incoming = graph.flows.filter((flow) => flow.target === joinElement);
    branches.forEach((members, b) => {
      const arriving = incoming.filter((flow) => {
        const from = graph.owners.get(flow.source);
        return from !== undefined && members.has(from);
      });
      if (arriving.length < 2) return;
      const merge = elementId('Gateway', `${join}-merge-${b + 1}`);
      graph.nodes.push({ id: merge, type: 'exclusiveGateway', lane: graph.laneOf(join) });
      for (const flow of arriving) flow.target = merge;
      graph.addFlow(merge, joinElement);
    });
  }
}

/** Splits with a conditional branch, and their joins: drawn as an inclusive gateway pair. */
function inclusiveGateways(model: ReferenceModel): Set<string> {
  const ids = new Set<string>();
  for (const gateway of model.gateways ?? []) {
    if (gateway.type !== 'parallelSplit') continue;
    if (!model.routes.some((r) => r.from === gateway.id && r.when !== undefined)) continue;
    ids.add(gateway.id);
    if (gateway.join) ids.add(gateway.join);
  }
  return ids;
}

/** Steps sit in their partner's lane; other nodes in the lane of the nearest step before (or after) them. */
function laneResolver(model: ReferenceModel): (id: string) => string {
  const index = indexModel(model);
  const fallback = model.steps[0]?.partner ?? model.partners[0]?.id ?? '';
  const search = (id: string, next: (id: string) => string[]): string | undefined => {
    const seen = new Set([id]);
    const queue = [id];
    while (queue.length > 0) {
      const current = queue.shift() as string;
      const step = index.steps.get(current);
      if (step) return step.partner;
      for (const n of next(current)) if (!seen.has(n) && seen.add(n)) queue.push(n);
    }
    return undefined;
  };
  const before = (id: string) => (index.incoming.get(id) ?? []).map((r) => r.from);
  const after = (id: string) => (index.outgoing.get(id) ?? []).map((r) => r.to);
  return (id) =>
    index.steps.get(id)?.partner ?? search(id, before) ?? search(id, after) ?? fallback;
}
