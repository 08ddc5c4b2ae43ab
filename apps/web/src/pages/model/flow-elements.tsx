import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { ReferenceModel } from '../../api/types';
import type { MessageKey } from '../../i18n/nl';
import type { Params } from '../../i18n/translate';
import type { LaneFlowNode } from './lane-node';
import type { ModelLayout } from './lane-layout';
import type { MarkerFlowNode } from './marker-node';
import { normAnchor } from './norm-term';
import type { StepFigures } from './step-figures';
import type { StepFlowNode } from './step-node';

type Translate = (key: MessageKey, params?: Params) => string;

const MAX_CONDITION_LENGTH = 32;

function shorten(text: string): string {
  return text.length > MAX_CONDITION_LENGTH ? `${text.slice(0, MAX_CONDITION_LENGTH - 1)}…` : text;
}

export function flowNodes(
  model: ReferenceModel,
  layout: ModelLayout,
  figures: Map<string, StepFigures>,
  t: Translate,
): Node[] {
  const lanes: LaneFlowNode[] = layout.lanes.map((lane, index) => ({
    id: `lane:${lane.partnerId}`,
    type: 'lane',
    position: { x: 0, y: lane.y },
    data: { name: lane.name, width: layout.width, height: lane.height, index },
    draggable: false,
    selectable: false,
    focusable: false,
    zIndex: -1,
  }));
  const steps = new Map(model.steps.map((step) => [step.id, step]));
  const gateways = new Map((model.gateways ?? []).map((gateway) => [gateway.id, gateway]));
  const ends = new Map(model.ends.map((end) => [end.id, end]));
  const placed = layout.nodes.map((node): StepFlowNode | MarkerFlowNode => {
    const position = { x: node.x, y: node.y };
    const step = steps.get(node.id);
    if (step) {
      return {
        id: node.id,
        type: 'step',
        position,
        draggable: false,
        ariaLabel: step.name,
        data: {
          name: step.name,
          target: step.norm?.target,
          anchor: normAnchor(step.norm?.anchor, model.fields),
          targetShare: step.norm?.targetShare,
          figures: figures.get(step.id),
        },
      };
    }
    const gateway = gateways.get(node.id);
    const end = ends.get(node.id);
    return {
      id: node.id,
      type: 'marker',
      position,
      draggable: false,
      data: {
        shape: node.kind === 'start' ? 'start' : (gateway?.type ?? 'end'),
        label: node.kind === 'start' ? t('model.start') : (gateway?.name ?? end?.name ?? ''),
        result: end?.result,
      },
    };
  });
  return [...lanes, ...placed];
}

export function flowEdges(model: ReferenceModel, t: Translate): Edge[] {
  const outcomeLabels = new Map(
    model.steps.flatMap((step) =>
      step.outcomes.map((outcome) => [`${step.id}/${outcome.id}`, outcome.label] as const),
    ),
  );
  return model.routes.map((route, index) => {
    const parts = [
      route.on ? (outcomeLabels.get(`${route.from}/${route.on}`) ?? route.on) : '',
      route.when ? t('model.condition', { when: shorten(route.when) }) : '',
      route.rework ? t('model.rework', { max: route.rework.maxIterations }) : '',
    ].filter(Boolean);
    return {
      id: `route:${index}`,
      source: route.from,
      target: route.to,
      type: 'smoothstep',
      label: parts.join(' · ') || undefined,
      className: route.rework ? 'edge--rework' : undefined,
      animated: false,
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
      labelBgPadding: [6, 3] as [number, number],
      labelBgBorderRadius: 4,
    };
  });
}
