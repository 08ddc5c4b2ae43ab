import type { Node, NodeProps } from '@xyflow/react';

export interface LaneNodeData extends Record<string, unknown> {
  name: string;
  width: number;
  height: number;
  index: number;
}

export type LaneFlowNode = Node<LaneNodeData, 'lane'>;

/** One partner's swimlane: a band with the partner's name. */
export function LaneNode({ data }: NodeProps<LaneFlowNode>) {
  return (
    <div
      className={`lane-node ${data.index % 2 ? 'lane-node--odd' : ''}`}
      style={{ width: data.width, height: data.height }}
    >
      <span className="lane-node__name">{data.name}</span>
    </div>
  );
}
