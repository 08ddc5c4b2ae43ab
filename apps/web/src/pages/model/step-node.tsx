import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { Duration } from '../../api/types';
import { useI18n } from '../../i18n/i18n-context';
import { formatDuration, formatPercent } from './figure-format';
import { FigureText, figureNumber } from './figure-text';
import { normTerm } from './norm-term';
import { normTone } from './norm-tone';
import type { StepFigures } from './step-figures';

export interface StepNodeData extends Record<string, unknown> {
  name: string;
  target?: Duration;
  /** The date the target counts from or back to, when it has one. */
  anchor?: { label: string; direction: 'before' | 'after' };
  targetShare?: number;
  figures?: StepFigures;
}

export type StepFlowNode = Node<StepNodeData, 'step'>;

/** A step on the wall: its name, its norm and, live, how it is doing against that norm. */
export function StepNode({ data }: NodeProps<StepFlowNode>) {
  const { t, locale } = useI18n();
  const { figures, target } = data;
  const tone = normTone(figureNumber(figures?.withinNormPct), data.targetShare);
  const min = figures?.minGroupSize;
  return (
    <div className={`step-node step-node--${tone}`} data-testid={`step-${data.name}`}>
      <Handle type="target" position={Position.Left} />
      <p className="step-node__name">{data.name}</p>
      {target && (
        <p className="step-node__norm">
          {t('model.norm', { term: normTerm(target, data.anchor, t) })}
        </p>
      )}
      <dl className="step-node__kpis">
        <div>
          <dt>{t('model.median')}</dt>
          <dd>
            <FigureText
              value={figures?.medianLeadTimeMs}
              minGroupSize={min}
              format={(ms) => formatDuration(ms, locale)}
            />
          </dd>
        </div>
        <div>
          <dt>{t('model.withinNorm')}</dt>
          <dd className="step-node__pct">
            <FigureText value={figures?.withinNormPct} minGroupSize={min} format={formatPercent} />
          </dd>
        </div>
        <div>
          <dt>{t('model.wip')}</dt>
          <dd>
            <FigureText value={figures?.workInProgress} minGroupSize={min} />
          </dd>
        </div>
        <div>
          <dt>{t('model.escalations')}</dt>
          <dd className={figureNumber(figures?.openEscalations) ? 'step-node__alert' : undefined}>
            <FigureText value={figures?.openEscalations} minGroupSize={min} />
          </dd>
        </div>
      </dl>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}
