import type { ReferenceModel } from '../../api/types';

/** The reference model laid out as swimlanes: one lane per partner, columns by handover order. */

export type NodeKind = 'start' | 'step' | 'gateway' | 'end';

export interface LaneBox {
  partnerId: string;
  name: string;
  y: number;
  height: number;
}

export interface PlacedNode {
  id: string;
  kind: NodeKind;
  partnerId: string;
  column: number;
  row: number;
  x: number;
  y: number;
}

export interface ModelLayout {
  lanes: LaneBox[];
  nodes: PlacedNode[];
  width: number;
  height: number;
}

export const START_ID = 'start';
export const LANE_LABEL_WIDTH = 180;
export const ROW_HEIGHT = 150;
const LANE_PADDING = 24;
/** Drawn widths (see styles.css) plus the room a handover arrow needs. */
const NODE_WIDTH: Record<NodeKind, number> = { start: 120, step: 210, gateway: 120, end: 120 };
const COLUMN_GAP = 56;

function nodeKinds(model: ReferenceModel): Map<string, NodeKind> {
  const kinds = new Map<string, NodeKind>([[START_ID, 'start']]);
  for (const step of model.steps) kinds.set(step.id, 'step');
  for (const gateway of model.gateways ?? []) kinds.set(gateway.id, 'gateway');
  for (const end of model.ends) kinds.set(end.id, 'end');
  return kinds;
}

/**
 * Steps sit in their partner's lane. Start, gateways and ends have no partner: they join the lane
 * of the step they come from (start: the first step it leads to).
 */
export function assignLanes(model: ReferenceModel): Map<string, string> {
  const lanes = new Map(model.steps.map((step) => [step.id, step.partner]));
  const firstStep = model.routes.find((route) => route.from === START_ID && lanes.has(route.to));
  lanes.set(START_ID, firstStep ? (lanes.get(firstStep.to) as string) : model.partners[0].id);
  let changed = true;
  while (changed) {
    changed = false;
    for (const route of model.routes) {
      const from = lanes.get(route.from);
      if (from && !lanes.has(route.to)) {
        lanes.set(route.to, from);
        changed = true;
      }
    }
  }
  for (const id of nodeKinds(model).keys())
    if (!lanes.has(id)) lanes.set(id, lanes.get(START_ID) as string);
  return lanes;
}

/** Longest path from start over the forward routes; rework routes (loops back) do not push columns. */
export function assignColumns(model: ReferenceModel): Map<string, number> {
  const columns = new Map<string, number>([[START_ID, 0]]);
  const forward = model.routes.filter((route) => !route.rework && route.from !== route.to);
  for (let pass = 0; pass <= forward.length; pass++) {
    let changed = false;
    for (const route of forward) {
      const from = columns.get(route.from);
      if (from === undefined) continue;
      if ((columns.get(route.to) ?? -1) < from + 1) {
        columns.set(route.to, from + 1);
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (const id of nodeKinds(model).keys()) if (!columns.has(id)) columns.set(id, 0);
  return columns;
}

/** Lanes in the order their partner first takes part (reading columns left to right). */
function laneOrder(
  model: ReferenceModel,
  lanes: Map<string, string>,
  columns: Map<string, number>,
): string[] {
  const byColumn = [...lanes.keys()].sort((a, b) => (columns.get(a) ?? 0) - (columns.get(b) ?? 0));
  const order: string[] = [];
  for (const id of byColumn) {
    const partner = lanes.get(id) as string;
    if (!order.includes(partner)) order.push(partner);
  }
  return order.filter((partner) => model.partners.some((known) => known.id === partner));
}

/** Left edge of every column (and, last, the right edge): a column is as wide as its widest node. */
function columnPositions(kinds: Map<string, NodeKind>, columns: Map<string, number>): number[] {
  const widths: number[] = [];
  for (const [id, kind] of kinds) {
    const column = columns.get(id) ?? 0;
    widths[column] = Math.max(widths[column] ?? 0, NODE_WIDTH[kind] + COLUMN_GAP);
  }
  const positions = [LANE_LABEL_WIDTH];
  for (const width of widths) positions.push(positions[positions.length - 1] + (width ?? 0));
  return positions;
}

export function layoutModel(model: ReferenceModel): ModelLayout {
  const kinds = nodeKinds(model);
  const lanes = assignLanes(model);
  const columns = assignColumns(model);
  const rows = new Map<string, number>();
  const used = new Map<string, number>();
  for (const id of kinds.keys()) {
    const cell = `${lanes.get(id)}|${columns.get(id)}`;
    rows.set(id, used.get(cell) ?? 0);
    used.set(cell, (used.get(cell) ?? 0) + 1);
  }
  const partnerNames = new Map(model.partners.map((partner) => [partner.id, partner.name]));
  const laneBoxes: LaneBox[] = [];
  let y = 0;
  for (const partnerId of laneOrder(model, lanes, columns)) {
    const rowCount = Math.max(
      1,
      ...[...kinds.keys()]
        .filter((id) => lanes.get(id) === partnerId)
        .map((id) => (rows.get(id) ?? 0) + 1),
    );
    const height = rowCount * ROW_HEIGHT + LANE_PADDING;
    laneBoxes.push({ partnerId, name: partnerNames.get(partnerId) ?? partnerId, y, height });
    y += height;
  }
  const laneTop = new Map(laneBoxes.map((lane) => [lane.partnerId, lane.y]));
  const columnX = columnPositions(kinds, columns);
  const nodes = [...kinds].map(([id, kind]): PlacedNode => {
    const partnerId = lanes.get(id) as string;
    const column = columns.get(id) ?? 0;
    const row = rows.get(id) ?? 0;
    return {
      id,
      kind,
      partnerId,
      column,
      row,
      x: columnX[column],
      y: (laneTop.get(partnerId) ?? 0) + LANE_PADDING / 2 + row * ROW_HEIGHT,
    };
  });
  return { lanes: laneBoxes, nodes, width: columnX[columnX.length - 1], height: y };
}
