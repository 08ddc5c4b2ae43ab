import { BpmnGraph, BpmnNodeType } from './bpmn-graph';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BpmnLayout {
  pool: Bounds;
  lanes: Map<string, Bounds>;
  shapes: Map<string, Bounds>;
  edges: Map<string, { x: number; y: number }[]>;
}

const SIZE: Record<BpmnNodeType, [number, number]> = {
  startEvent: [36, 36],
  endEvent: [36, 36],
  userTask: [100, 80],
  exclusiveGateway: [50, 50],
  parallelGateway: [50, 50],
  inclusiveGateway: [50, 50],
};
const POOL_X = 100;
const LANE_X = POOL_X + 30; // the pool's label band
const COLUMN = 160;
const ROW = 120;

/** Column per node: longest path from the start, ignoring rework flows so loops do not stretch it. */
function columns(graph: BpmnGraph): Map<string, number> {
  const forward = graph.flows.filter((f) => !f.rework);
  const indegree = new Map(graph.nodes.map((n) => [n.id, 0]));
  for (const f of forward) indegree.set(f.target, (indegree.get(f.target) ?? 0) + 1);
  const column = new Map(graph.nodes.map((n) => [n.id, 0]));
  const queue = graph.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const f of forward.filter((flow) => flow.source === id)) {
      column.set(f.target, Math.max(column.get(f.target) ?? 0, (column.get(id) ?? 0) + 1));
      indegree.set(f.target, (indegree.get(f.target) ?? 0) - 1);
      if (indegree.get(f.target) === 0) queue.push(f.target);
    }
  }
  return column;
}

/** Deterministic layered layout: x by column, y by lane, stacked when a lane has several nodes in a column. */
export function layoutBpmn(graph: BpmnGraph): BpmnLayout {
  const column = columns(graph);
  const slot = new Map<string, number>();
  const used = new Map<string, number>();
  for (const node of graph.nodes) {
    const cell = `${node.lane} ${column.get(node.id)}`;
    slot.set(node.id, used.get(cell) ?? 0);
    used.set(cell, (used.get(cell) ?? 0) + 1);
  }
  const width = (Math.max(0, ...column.values()) + 1) * COLUMN + 60;
  const lanes = new Map<string, Bounds>();
  let y = 0;
  for (const lane of graph.lanes) {
    const rows = Math.max(
      1,
      ...graph.nodes.filter((n) => n.lane === lane.id).map((n) => (slot.get(n.id) ?? 0) + 1),
    );
    lanes.set(lane.id, { x: LANE_X, y, width, height: rows * ROW });
    y += rows * ROW;
  }
  const shapes = new Map<string, Bounds>();
  for (const node of graph.nodes) {
    const [w, h] = SIZE[node.type];
    const laneY = lanes.get(node.lane)?.y ?? 0;
    const cx = LANE_X + 80 + (column.get(node.id) ?? 0) * COLUMN;
    const cy = laneY + ROW / 2 + (slot.get(node.id) ?? 0) * ROW;
    shapes.set(node.id, { x: cx - w / 2, y: cy - h / 2, width: w, height: h });
  }
  const edges = new Map(
    graph.flows.map((f) => [f.id, waypoints(shapes.get(f.source), shapes.get(f.target))]),
  );
  return {
    pool: { x: POOL_X, y: 0, width: width + LANE_X - POOL_X, height: Math.max(y, ROW) },
    lanes,
    shapes,
    edges,
  };
}

function waypoints(from: Bounds | undefined, to: Bounds | undefined): { x: number; y: number }[] {
  if (!from || !to) return [];
  const fy = from.y + from.height / 2;
  const ty = to.y + to.height / 2;
  if (to.x > from.x + from.width) {
    const out = { x: from.x + from.width, y: fy };
    const into = { x: to.x, y: ty };
    if (fy === ty) return [out, into];
    const mid = Math.round((out.x + into.x) / 2);
    return [out, { x: mid, y: fy }, { x: mid, y: ty }, into];
  }
  // Back or vertical: leave at the bottom, run below both shapes, enter from the bottom.
  const fx = from.x + from.width / 2;
  const tx = to.x + to.width / 2;
  const below = Math.max(from.y + from.height, to.y + to.height) + 20;
  return [
    { x: fx, y: from.y + from.height },
    { x: fx, y: below },
    { x: tx, y: below },
    { x: tx, y: to.y + to.height },
  ];
}
