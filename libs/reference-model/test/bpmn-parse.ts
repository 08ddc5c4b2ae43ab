import { execFileSync } from 'child_process';
import { join } from 'path';

export interface DiBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ParsedBpmn {
  warnings: string[];
  flowNodes: { id: string; type: string; name?: string }[];
  flows: string[];
  shapes: string[];
  edges: string[];
  lanes: string[];
  conditions: string[];
  /** Diagram interchange of the flow nodes (not the pool or lanes). */
  nodeShapes: { id: string; type: string; name?: string; bounds: DiBounds; label?: DiBounds }[];
  flowEdges: {
    id: string;
    name?: string;
    source: string;
    target: string;
    waypoints: { x: number; y: number }[];
    label?: DiBounds;
  }[];
}

/**
 * bpmn-moddle (and its dependencies) ship as ES modules only, which Jest's CommonJS runtime
 * cannot load, so the XML is parsed in a separate Node process.
 */
const PARSE = `
import { BpmnModdle } from 'bpmn-moddle';
let xml = '';
for await (const chunk of process.stdin) xml += chunk;
const { rootElement, warnings } = await new BpmnModdle().fromXML(xml);
const process_ = rootElement.rootElements.find((e) => e.$type === 'bpmn:Process');
const plane = rootElement.diagrams[0].plane;
const elements = process_.flowElements;
const box = (b) => b && { x: b.x, y: b.y, width: b.width, height: b.height };
const di = (type) => plane.planeElement.filter((e) => e.$type === type);
console.log(JSON.stringify({
  warnings: warnings.map((w) => w.message),
  flowNodes: elements.filter((e) => e.$type !== 'bpmn:SequenceFlow').map((e) => ({ id: e.id, type: e.$type, name: e.name })),
  flows: elements.filter((e) => e.$type === 'bpmn:SequenceFlow').map((e) => e.id),
  conditions: elements.filter((e) => e.conditionExpression).map((e) => e.conditionExpression.body),
  shapes: di('bpmndi:BPMNShape').map((e) => e.bpmnElement.id),
  edges: di('bpmndi:BPMNEdge').map((e) => e.bpmnElement.id),
  lanes: process_.laneSets[0].lanes.map((l) => l.id),
  nodeShapes: di('bpmndi:BPMNShape')
    .filter((e) => elements.includes(e.bpmnElement))
    .map((e) => ({ id: e.bpmnElement.id, type: e.bpmnElement.$type, name: e.bpmnElement.name, bounds: box(e.bounds), label: box(e.label?.bounds) })),
  flowEdges: di('bpmndi:BPMNEdge').map((e) => ({
    id: e.bpmnElement.id,
    name: e.bpmnElement.name,
    source: e.bpmnElement.sourceRef.id,
    target: e.bpmnElement.targetRef.id,
    waypoints: e.waypoint.map((p) => ({ x: p.x, y: p.y })),
    label: box(e.label?.bounds),
  })),
}));
`;

/** The exported XML as bpmn-moddle reads it: semantics, diagram interchange and import warnings. */
export function parseBpmn(xml: string): ParsedBpmn {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', PARSE], {
    cwd: join(__dirname, '../../..'),
    input: xml,
    encoding: 'utf8',
  });
  return JSON.parse(output) as ParsedBpmn;
}
