import { BpmnGraph, BpmnNode, BpmnNodeType } from './bpmn-graph';
import { LABEL_FONT, LINE_HEIGHT, TASK_FONT, TASK_PADDING, textWidth, wrapText } from './bpmn-text';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface BpmnLayout {
  pool: Bounds;
  lanes: Map<string, Bounds>;
  shapes: Map<string, Bounds>;
  edges: Map<string, Point[]>;
  /** Bounds of the external label of a named event, gateway or sequence flow, by element id. */
  labels: Map<string, Bounds>;
}

const SIZE: Record<Exclude<BpmnNodeType, 'userTask'>, number> = {
  startEvent: 36,
  endEvent: 36,
  exclusiveGateway: 50,
  parallelGateway: 50,
  inclusiveGateway: 50,
};
const TASK_MIN = { width: 100, height: 80 };
const TASK_MAX_WIDTH = 200;
/** More lines crowd the task's type marker in its top-left corner. */
const TASK_MAX_LINES = 3;
const POOL_X = 100;
const LANE_X = POOL_X + 30; // the pool's label band
const FIRST_COLUMN_X = LANE_X + 30 + 50; // after the lane's label band and a margin
/** Room between columns: edges bend and flow labels sit there. */
const COLUMN_GAP = 130;
/** Room above and below the tallest shape of a row: node labels and the row's corridor. */
const ROW_PADDING = 45;
/** How far above a row's bottom its corridor runs (edges that must pass other shapes). */
const CORRIDOR = 14;
/** Width at which label text wraps. */
const LABEL_WRAP = 90;
/**
 * bpmn-js wraps a label at its bounds' width as the browser measures the text, which may come out a
 * little wider than the metric: the bounds get room to spare so the text keeps the metric's lines.
 */
const LABEL_SLACK = 1.1;
const LABEL_LINE = Math.ceil(LABEL_FONT * LINE_HEIGHT);
const LABEL_MARGIN = 4;
/** How far from its anchor a label may move to find a free spot. */
const DISTANCES = Array.from({ length: 40 }, (_, i) => i * 6);

/** A task wide enough for its longest word and, up to a maximum width, for its name in three lines. */
function taskSize(name: string): { width: number; height: number } {
  const longestWord = Math.max(0, ...name.split(/\s+/).map((w) => textWidth(w, TASK_FONT)));
  const lines = (width: number) => wrapText(name, width - 2 * TASK_PADDING, TASK_FONT).length;
  const height = (width: number) =>
    Math.ceil(lines(width) * TASK_FONT * LINE_HEIGHT + 2 * TASK_PADDING);
  let width = Math.max(TASK_MIN.width, Math.ceil((longestWord + 2 * TASK_PADDING) / 10) * 10);
  while (width < TASK_MAX_WIDTH && lines(width) > TASK_MAX_LINES) width += 10;
  return { width, height: Math.max(TASK_MIN.height, height(width)) };
}

function nodeSize(node: BpmnNode): { width: number; height: number } {
  if (node.type === 'userTask') return taskSize(node.name ?? '');
  return { width: SIZE[node.type], height: SIZE[node.type] };
}

/** Label bounds for `text`, wrapped to the label width, with its top-left corner at 0,0. */
function labelSize(text: string): { width: number; height: number } {
  const lines = wrapText(text, LABEL_WRAP, LABEL_FONT);
  const widest = Math.max(...lines.map((l) => textWidth(l, LABEL_FONT)));
  return { width: Math.ceil(widest * LABEL_SLACK) + 4, height: lines.length * LABEL_LINE };
}

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

const overlaps = (a: Bounds, b: Bounds) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Whether the segment from p to q passes through the inside of the bounds (touching the border is fine). */
function crosses(p: Point, q: Point, b: Bounds): boolean {
  const [x1, x2] = [Math.min(p.x, q.x), Math.max(p.x, q.x)];
  const [y1, y2] = [Math.min(p.y, q.y), Math.max(p.y, q.y)];
  if (p.x === q.x) return p.x > b.x && p.x < b.x + b.width && y1 < b.y + b.height && y2 > b.y;
  if (p.y === q.y) return p.y > b.y && p.y < b.y + b.height && x1 < b.x + b.width && x2 > b.x;
  return overlaps({ x: x1, y: y1, width: x2 - x1, height: y2 - y1 }, b);
}

const segmentsOf = (points: Point[]) => points.slice(1).map((q, i) => [points[i], q] as const);

/** Grid of the layout: where columns and rows are, and the free lanes between them for edges. */
interface Grid {
  column: Map<string, number>;
  row: Map<string, number>;
  /** x of the middle of the gap after column c (c = -1: before the first column). */
  gapX: (c: number) => number;
  /** y of the corridor at the bottom of row r. */
  corridorY: (r: number) => number;
}

/**
 * Deterministic layered layout: x by column (as wide as its widest shape), y by lane, a row per
 * node of a lane in the same column. Edges run orthogonally through the gaps between columns and
 * the corridors at the bottom of rows, so they never pass through a shape; labels take the first
 * free spot near their element.
 */
export function layoutBpmn(graph: BpmnGraph): BpmnLayout {
  const column = columns(graph);
  const sizes = new Map(graph.nodes.map((n) => [n.id, nodeSize(n)]));
  const columnCount = Math.max(0, ...column.values()) + 1;
  const columnWidth = Array.from({ length: columnCount }, (_, c) =>
    Math.max(
      0,
      ...graph.nodes.filter((n) => column.get(n.id) === c).map((n) => sizes.get(n.id)?.width ?? 0),
    ),
  );
  const columnX: number[] = [];
  columnWidth.reduce((x, width, c) => {
    columnX[c] = x;
    return x + width + COLUMN_GAP;
  }, FIRST_COLUMN_X);
  const laneWidth =
    columnX[columnCount - 1] + columnWidth[columnCount - 1] + COLUMN_GAP / 2 - LANE_X;

  // Rows: the nodes of a lane that share a column are stacked in rows of their own.
  const row = new Map<string, number>();
  const rowTop: number[] = [];
  const rowHeight: number[] = [];
  const lanes = new Map<string, Bounds>();
  let y = 0;
  for (const lane of graph.lanes) {
    const members = graph.nodes.filter((n) => n.lane === lane.id);
    const used = new Map<number, number>();
    const firstRow = rowTop.length;
    for (const node of members) {
      const c = column.get(node.id) ?? 0;
      row.set(node.id, firstRow + (used.get(c) ?? 0));
      used.set(c, (used.get(c) ?? 0) + 1);
    }
    const laneTop = y;
    for (let r = firstRow; r < firstRow + Math.max(1, ...used.values()); r++) {
      const tallest = Math.max(
        TASK_MIN.height,
        ...members.filter((n) => row.get(n.id) === r).map((n) => sizes.get(n.id)?.height ?? 0),
      );
      rowTop[r] = y;
      rowHeight[r] = tallest + 2 * ROW_PADDING;
      y += rowHeight[r];
    }
    lanes.set(lane.id, { x: LANE_X, y: laneTop, width: laneWidth, height: y - laneTop });
  }

  const shapes = new Map<string, Bounds>();
  for (const node of graph.nodes) {
    const { width, height } = sizes.get(node.id) as { width: number; height: number };
    const c = column.get(node.id) ?? 0;
    const r = row.get(node.id) ?? 0;
    const cx = columnX[c] + columnWidth[c] / 2;
    const cy = rowTop[r] + rowHeight[r] / 2;
    shapes.set(node.id, {
      x: Math.round(cx - width / 2),
      y: Math.round(cy - height / 2),
      width,
      height,
    });
  }
  const grid: Grid = {
    column,
    row,
    gapX: (c) => (c < 0 ? FIRST_COLUMN_X - 25 : columnX[c] + columnWidth[c] + COLUMN_GAP / 2),
    corridorY: (r) => rowTop[r] + rowHeight[r] - CORRIDOR,
  };
  const edges = routeEdges(graph, shapes, grid);
  return {
    pool: { x: POOL_X, y: 0, width: laneWidth + LANE_X - POOL_X, height: Math.max(y, 1) },
    lanes,
    shapes,
    edges,
    labels: placeLabels(graph, shapes, edges),
  };
}

function routeEdges(
  graph: BpmnGraph,
  shapes: Map<string, Bounds>,
  grid: Grid,
): Map<string, Point[]> {
  // Edges sharing a gap or corridor are spread a little, so they stay apart.
  const uses = new Map<string, number>();
  const spread = (key: string) => {
    const n = uses.get(key) ?? 0;
    uses.set(key, n + 1);
    return ((n % 5) - 2) * 7;
  };
  const gap = (c: number) => grid.gapX(c) + spread(`gap ${c}`);
  const corridor = (r: number) => grid.corridorY(r) - Math.abs(spread(`corridor ${r}`));
  return new Map(
    graph.flows.map((flow) => {
      const from = shapes.get(flow.source) as Bounds;
      const to = shapes.get(flow.target) as Bounds;
      const free = (points: Point[]) =>
        points.every(
          (p, i) =>
            i === 0 ||
            [...shapes].every(
              ([id, b]) =>
                id === flow.source || id === flow.target || !crosses(points[i - 1], p, b),
            ),
        );
      const c1 = grid.column.get(flow.source) ?? 0;
      const c2 = grid.column.get(flow.target) ?? 0;
      const r1 = grid.row.get(flow.source) ?? 0;
      const r2 = grid.row.get(flow.target) ?? 0;
      const fy = from.y + from.height / 2;
      const ty = to.y + to.height / 2;
      const out = { x: from.x + from.width, y: fy };
      const into = { x: to.x, y: ty };
      if (c2 > c1) {
        if (fy === ty && free([out, into])) return [flow.id, [out, into]];
        for (const x of [grid.gapX(c1), grid.gapX(c2 - 1)]) {
          const points = [out, { x, y: fy }, { x, y: ty }, into];
          if (free(points)) return [flow.id, points];
        }
        const [x1, x2, cy] = [gap(c1), gap(c2 - 1), corridor(r2 > r1 ? r2 - 1 : r2)];
        return [
          flow.id,
          [out, { x: x1, y: fy }, { x: x1, y: cy }, { x: x2, y: cy }, { x: x2, y: ty }, into],
        ];
      }
      // Back (rework): leave at the bottom, run along the row's corridor, enter from below or the left.
      const bottom = { x: from.x + from.width / 2, y: from.y + from.height };
      const cy = corridor(r1);
      const tx = to.x + to.width / 2;
      if (r1 === r2) {
        return [
          flow.id,
          [bottom, { x: bottom.x, y: cy }, { x: tx, y: cy }, { x: tx, y: to.y + to.height }],
        ];
      }
      const x2 = gap(c2 - 1);
      return [flow.id, [bottom, { x: bottom.x, y: cy }, { x: x2, y: cy }, { x: x2, y: ty }, into]];
    }),
  );
}

/**
 * Node labels go below their shape (else above); flow labels beside a segment of their edge,
 * trying the segments from the target back, then moving away until the spot is free of shapes
 * and of labels placed before.
 */
function placeLabels(
  graph: BpmnGraph,
  shapes: Map<string, Bounds>,
  edges: Map<string, Point[]>,
): Map<string, Bounds> {
  const labels = new Map<string, Bounds>();
  const taken = () => [...shapes.values(), ...labels.values()];
  const segments = [...edges.values()].flatMap(segmentsOf);
  const fits = (b: Bounds) =>
    taken().every((other) => !overlaps(b, other)) && segments.every(([p, q]) => !crosses(p, q, b));
  const place = (id: string, candidates: Bounds[]) => {
    const spot = candidates.find(fits);
    if (spot) labels.set(id, spot);
  };
  /** The spots `d` px above and below a point (the label's left edge at x). */
  const around = (x: number, y: number, size: { width: number; height: number }, d: number) =>
    [
      [x, y - LABEL_MARGIN - size.height - d],
      [x, y + LABEL_MARGIN + d],
    ].map(([left, top]) => ({ x: Math.round(left), y: Math.round(top), ...size }));
  for (const node of graph.nodes) {
    if (!node.name || node.type === 'userTask') continue;
    const shape = shapes.get(node.id) as Bounds;
    const size = labelSize(node.name);
    const x = shape.x + shape.width / 2 - size.width / 2;
    place(
      node.id,
      DISTANCES.flatMap((d) => [
        around(x, shape.y + shape.height, size, d)[1],
        around(x, shape.y, size, d)[0],
      ]),
    );
  }
  for (const flow of graph.flows) {
    if (!flow.name) continue;
    const points = edges.get(flow.id) ?? [];
    const size = labelSize(flow.name);
    const own = segmentsOf(points).reverse();
    // Near spots of every segment come before far ones.
    const candidates = DISTANCES.flatMap((d) =>
      own.flatMap(([p, q]) => {
        const mid = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
        return p.y === q.y
          ? around(mid.x - size.width / 2, mid.y, size, d)
          : around(mid.x + LABEL_MARGIN, mid.y - size.height / 2, size, d);
      }),
    );
    place(flow.id, candidates);
  }
  return labels;
}
