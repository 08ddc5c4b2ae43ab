import { Background, Controls, ReactFlow, type NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import type { ReferenceModel } from '../../api/types';
import { useI18n } from '../../i18n/i18n-context';
import { flowEdges, flowNodes } from './flow-elements';
import { LaneNode } from './lane-node';
import { layoutModel } from './lane-layout';
import { MarkerNode } from './marker-node';
import type { StepFigures } from './step-figures';
import { StepNode } from './step-node';

/** Room under the lanes for the zoom controls. */
const GRAPH_MARGIN = 120;
/** Step text is 12 px at zoom 1: fitting never shrinks it below 11 px; wider chains pan instead. */
const MIN_READABLE_ZOOM = 11 / 12;

const NODE_TYPES: NodeTypes = { step: StepNode, marker: MarkerNode, lane: LaneNode };

/**
 * The chain as swimlanes per partner, with its steps and handovers: fitted to the width as far as
 * the text stays readable, panned (drag) and zoomed (wheel, controls) beyond that.
 */
export function ModelGraph({
  model,
  figures,
}: {
  model: ReferenceModel;
  figures: Map<string, StepFigures>;
}) {
  const { t } = useI18n();
  const layout = useMemo(() => layoutModel(model), [model]);
  const nodes = useMemo(() => flowNodes(model, layout, figures, t), [model, layout, figures, t]);
  const edges = useMemo(() => flowEdges(model, t), [model, t]);
  return (
    <div
      className="model-graph"
      role="figure"
      aria-label={t('model.diagram', {
        name: model.chain.name,
        steps: model.steps.length,
        partners: layout.lanes.length,
      })}
      data-testid="model-graph"
      style={{ aspectRatio: `${layout.width} / ${layout.height + GRAPH_MARGIN}` }}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        fitView
        fitViewOptions={{ padding: 0.04, minZoom: MIN_READABLE_ZOOM }}
        minZoom={0.2}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
