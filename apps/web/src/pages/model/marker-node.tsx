import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';

export interface MarkerNodeData extends Record<string, unknown> {
  label: string;
  shape: 'start' | 'end' | 'parallelSplit' | 'parallelJoin' | 'exclusive';
  result?: string;
}

export type MarkerFlowNode = Node<MarkerNodeData, 'marker'>;

const SYMBOL: Record<MarkerNodeData['shape'], string> = {
  start: '',
  end: '',
  parallelSplit: '+',
  parallelJoin: '+',
  exclusive: '×',
};

/** Start and end events and gateways, drawn the way BPMN readers expect. */
export function MarkerNode({ data }: NodeProps<MarkerFlowNode>) {
  const { shape } = data;
  const isEvent = shape === 'start' || shape === 'end';
  return (
    <div className={`marker-node marker-node--${shape}`}>
      {shape !== 'start' && <Handle type="target" position={Position.Left} />}
      <span className={isEvent ? 'marker-node__event' : 'marker-node__gateway'} aria-hidden="true">
        <span>{SYMBOL[shape]}</span>
      </span>
      <span
        className={`marker-node__label${data.result ? ` marker-node__label--${data.result}` : ''}`}
      >
        {data.label}
      </span>
      {shape !== 'end' && <Handle type="source" position={Position.Right} />}
    </div>
  );
}
