import fc from 'fast-check';
import { DiBounds, parseBpmn, ParsedBpmn } from '../../test/bpmn-parse';
import { EXAMPLE_FILES, exampleModel } from '../../test/example-models';
import { validModel } from '../../test/model-arbitraries';
import { modelWith } from '../../test/model-builder';
import { LINE_HEIGHT, TASK_FONT, TASK_PADDING, textWidth, wrapText } from './bpmn-text';
import { toBpmnXml } from './to-bpmn-xml';

/** Whether two boxes share inside area (touching borders do not count). */
const overlap = (a: DiBounds, b: DiBounds) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const inside = (p: { x: number; y: number }, b: DiBounds) =>
  p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height;

const pairs = <T>(items: T[]) => items.flatMap((a, i) => items.slice(i + 1).map((b) => [a, b]));

/** Every point of the segment at 1 px steps. */
function along(p: { x: number; y: number }, q: { x: number; y: number }) {
  const steps = Math.max(1, Math.ceil(Math.hypot(q.x - p.x, q.y - p.y)));
  return Array.from({ length: steps + 1 }, (_, i) => ({
    x: p.x + ((q.x - p.x) * i) / steps,
    y: p.y + ((q.y - p.y) * i) / steps,
  }));
}

/** The violations of the readability rules in the diagram interchange of an export. */
function problems(parsed: ParsedBpmn): string[] {
  const found: string[] = [];
  const shapes = parsed.nodeShapes;
  for (const [a, b] of pairs(shapes)) {
    if (overlap(a.bounds, b.bounds)) found.push(`shapes ${a.id} and ${b.id} overlap`);
  }
  for (const edge of parsed.flowEdges) {
    edge.waypoints.slice(1).forEach((q, i) => {
      const points = along(edge.waypoints[i], q);
      for (const shape of shapes) {
        if (shape.id === edge.source || shape.id === edge.target) continue;
        if (points.some((p) => inside(p, shape.bounds)))
          found.push(`${edge.id} (${edge.source} → ${edge.target}) crosses ${shape.id}`);
      }
    });
  }
  const labelled = [
    ...shapes.filter((s) => s.name && s.type !== 'bpmn:UserTask'),
    ...parsed.flowEdges.filter((e) => e.name),
  ];
  for (const element of labelled) {
    if (!element.label) found.push(`${element.id} has a name but no label bounds`);
  }
  const labels = labelled.flatMap((e) => (e.label ? [{ id: e.id, bounds: e.label }] : []));
  for (const [a, b] of pairs(labels)) {
    if (overlap(a.bounds, b.bounds)) found.push(`labels of ${a.id} and ${b.id} overlap`);
  }
  for (const label of labels) {
    for (const shape of shapes) {
      if (overlap(label.bounds, shape.bounds))
        found.push(`label of ${label.id} overlaps ${shape.id}`);
    }
  }
  for (const edge of parsed.flowEdges) {
    const points = edge.waypoints.slice(1).flatMap((q, i) => along(edge.waypoints[i], q));
    for (const label of labels) {
      if (points.some((p) => inside(p, label.bounds)))
        found.push(`${edge.id} runs through the label of ${label.id}`);
    }
  }
  for (const task of shapes.filter((s) => s.type === 'bpmn:UserTask')) {
    const room = task.bounds.width - 2 * TASK_PADDING;
    const name = task.name ?? '';
    const longest = Math.max(...name.split(/\s+/).map((word) => textWidth(word, TASK_FONT)));
    if (longest > room) found.push(`${task.id}: a word of "${name}" is wider than the box`);
    const lines = wrapText(name, room, TASK_FONT).length;
    if (lines * TASK_FONT * LINE_HEIGHT > task.bounds.height - 2 * TASK_PADDING)
      found.push(`${task.id}: "${name}" needs ${lines} lines, more than the box holds`);
  }
  return found;
}

describe('the BPMN diagram layout', () => {
  it.each(EXAMPLE_FILES)(
    'draws %s without overlapping shapes or labels, crossing edges or cramped tasks',
    (file) => {
      const parsed = parseBpmn(toBpmnXml(exampleModel(file)));
      expect(parsed.nodeShapes.length).toBeGreaterThan(0);
      expect(problems(parsed)).toEqual([]);
    },
  );

  it('keeps to the same rules for generated models', () => {
    fc.assert(
      fc.property(validModel, (model) => {
        expect(problems(parseBpmn(toBpmnXml(model)))).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('widens a task for a long Dutch compound word', () => {
    const word = 'Schuldhulpverleningsondersteuningstraject';
    const model = modelWith((m) => {
      m.steps[0].name = word;
    });
    const parsed = parseBpmn(toBpmnXml(model));
    const task = parsed.nodeShapes.find((s) => s.id === `Task_${model.steps[0].id}`);
    expect(task?.bounds.width).toBeGreaterThanOrEqual(
      textWidth(word, TASK_FONT) + 2 * TASK_PADDING,
    );
    expect(problems(parsed)).toEqual([]);
  });

  it('finds a cramped task, an edge through a shape or a label, and overlapping labels', () => {
    const parsed = parseBpmn(toBpmnXml(exampleModel('wmo-maatwerk.yaml')));
    const [first, second] = parsed.nodeShapes.filter((s) => s.type === 'bpmn:UserTask');
    const edge = parsed.flowEdges.find((e) => e.source !== second.id && e.target !== second.id);
    const labelled = parsed.flowEdges.filter((e) => e.label);
    const broken: ParsedBpmn = {
      ...parsed,
      nodeShapes: parsed.nodeShapes.map((s) =>
        s.id === first.id ? { ...s, name: 'Ondersteuningsbehoefteonderzoeksverslag' } : s,
      ),
      flowEdges: parsed.flowEdges.map((e) => {
        if (e === edge)
          return {
            ...e,
            waypoints: [e.waypoints[0], { x: second.bounds.x + 5, y: second.bounds.y + 5 }],
          };
        if (e === labelled[1]) return { ...e, label: labelled[0].label };
        if (e === labelled[2]) {
          const [p, q] = labelled[3].waypoints;
          return {
            ...e,
            label: { x: (p.x + q.x) / 2 - 10, y: (p.y + q.y) / 2 - 10, width: 20, height: 20 },
          };
        }
        return e;
      }),
    };
    const found = problems(broken).join('\n');
    expect(found).toContain(`${first.id}: a word of`);
    expect(found).toContain(`${edge?.id} (`);
    expect(found).toContain(`labels of ${labelled[0].id} and ${labelled[1].id} overlap`);
    expect(found).toContain(`${labelled[3].id} runs through the label of ${labelled[2].id}`);
  });
});
