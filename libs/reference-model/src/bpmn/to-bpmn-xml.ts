import { ReferenceModel } from '../model/reference-model.types';
import { BpmnGraph, toBpmnGraph } from './bpmn-graph';
import { Bounds, layoutBpmn } from './bpmn-layout';
import { xmlEscape as esc } from './xml-escape';

const attr = (name: string, value: string | undefined) =>
  value === undefined ? '' : ` ${name}="${esc(value)}"`;
const bounds = (b: Bounds) =>
  `<dc:Bounds x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" />`;
/** The DI label of a named event, gateway or flow, so viewers draw it where the layout put it. */
const label = (b: Bounds | undefined) =>
  b === undefined ? '' : `<bpmndi:BPMNLabel>${bounds(b)}</bpmndi:BPMNLabel>`;

function processXml(model: ReferenceModel, graph: BpmnGraph, processId: string): string[] {
  const lines = [
    `  <bpmn:process id="${processId}"${attr('name', model.chain.name)} isExecutable="false">`,
    '    <bpmn:laneSet id="LaneSet_1">',
  ];
  for (const lane of graph.lanes) {
    lines.push(`      <bpmn:lane id="Lane_${lane.id}"${attr('name', lane.name)}>`);
    for (const node of graph.nodes.filter((n) => n.lane === lane.id)) {
      lines.push(`        <bpmn:flowNodeRef>${node.id}</bpmn:flowNodeRef>`);
    }
    lines.push('      </bpmn:lane>');
  }
  lines.push('    </bpmn:laneSet>');
  for (const node of graph.nodes) {
    const incoming = graph.flows
      .filter((f) => f.target === node.id)
      .map((f) => `      <bpmn:incoming>${f.id}</bpmn:incoming>`);
    const outgoing = graph.flows
      .filter((f) => f.source === node.id)
      .map((f) => `      <bpmn:outgoing>${f.id}</bpmn:outgoing>`);
    const documentation = node.documentation
      ? [`      <bpmn:documentation>${esc(node.documentation)}</bpmn:documentation>`]
      : [];
    lines.push(
      `    <bpmn:${node.type} id="${node.id}"${attr('name', node.name)}${attr('default', graph.defaults.get(node.id))}>`,
      ...documentation,
      ...incoming,
      ...outgoing,
      `    </bpmn:${node.type}>`,
    );
  }
  for (const flow of graph.flows) {
    const open = `    <bpmn:sequenceFlow id="${flow.id}"${attr('name', flow.name)} sourceRef="${flow.source}" targetRef="${flow.target}"`;
    if (flow.condition === undefined) {
      lines.push(`${open} />`);
    } else {
      lines.push(
        `${open}>`,
        `      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${esc(flow.condition)}</bpmn:conditionExpression>`,
        '    </bpmn:sequenceFlow>',
      );
    }
  }
  lines.push('  </bpmn:process>');
  return lines;
}

/**
 * BPMN 2.0 collaboration XML of a model: one pool for the chain with a lane per partner (so
 * sequence flows may cross partners), a user task per step, gateways for decisions, splits and
 * joins, and BPMNDI coordinates so standard modellers open it laid out. Pure string building.
 */
export function toBpmnXml(model: ReferenceModel): string {
  const graph = toBpmnGraph(model);
  const layout = layoutBpmn(graph);
  const processId = `Process_${model.chain.id}`;
  const participantId = `Participant_${model.chain.id}`;
  const collaborationId = `Collaboration_${model.chain.id}`;
  const shapes = [
    `      <bpmndi:BPMNShape id="${participantId}_di" bpmnElement="${participantId}" isHorizontal="true">${bounds(layout.pool)}</bpmndi:BPMNShape>`,
    ...graph.lanes.map((lane) => {
      const b = layout.lanes.get(lane.id) as Bounds;
      return `      <bpmndi:BPMNShape id="Lane_${lane.id}_di" bpmnElement="Lane_${lane.id}" isHorizontal="true">${bounds(b)}</bpmndi:BPMNShape>`;
    }),
    ...graph.nodes.map((node) => {
      const marker = node.type === 'exclusiveGateway' ? ' isMarkerVisible="true"' : '';
      return `      <bpmndi:BPMNShape id="${node.id}_di" bpmnElement="${node.id}"${marker}>${bounds(layout.shapes.get(node.id) as Bounds)}${label(layout.labels.get(node.id))}</bpmndi:BPMNShape>`;
    }),
  ];
  const edges = graph.flows.map((flow) => {
    const points = (layout.edges.get(flow.id) ?? [])
      .map((p) => `<di:waypoint x="${p.x}" y="${p.y}" />`)
      .join('');
    return `      <bpmndi:BPMNEdge id="${flow.id}_di" bpmnElement="${flow.id}">${points}${label(layout.labels.get(flow.id))}</bpmndi:BPMNEdge>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_' +
      esc(model.chain.id) +
      '" targetNamespace="https://schakel.dev/reference-model" exporter="Schakel" exporterVersion="1">',
    `  <bpmn:collaboration id="${collaborationId}">`,
    `    <bpmn:participant id="${participantId}"${attr('name', model.chain.name)} processRef="${processId}" />`,
    '  </bpmn:collaboration>',
    ...processXml(model, graph, processId),
    '  <bpmndi:BPMNDiagram id="BPMNDiagram_1">',
    `    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${collaborationId}">`,
    ...shapes,
    ...edges,
    '    </bpmndi:BPMNPlane>',
    '  </bpmndi:BPMNDiagram>',
    '</bpmn:definitions>',
    '',
  ].join('\n');
}
