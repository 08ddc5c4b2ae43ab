import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { Duration } from '../../api/types';
import { useI18n } from '../../i18n/i18n-context';
import { formatDuration, formatPercent } from './figure-format';
import { normTone } from './norm-tone';
import type { StepFigures } from './step-figures';

export interface StepNodeData extends Record<string, unknown> {
  name: string;
  target?: Duration;
  targetShare?: number;
  figures?: StepFigures;
}

export type StepFlowNode = Node<StepNodeData, 'step'>;

/** A step on the wall: its name, its norm and, live, how it is doing against that norm. */
export function StepNode({ data }: NodeProps<StepFlowNode>) {
  const { t, locale } = useI18n();
  const { figures, target } = data;
  const tone = normTone(figures?.withinNormPct, data.targetShare);
  return (
    <div className={`step-node step-node--${tone}`} data-testid={`step-${data.name}`}>
      <Handle type="target" position={Position.Left} />
      <p className="step-node__name">{data.name}</p>
      {target && (
        <p className="step-node__norm">
          {t('model.norm', { amount: target.amount, unit: t(`unit.${target.unit}`) })}
        </p>
      )}
      <dl className="step-node__kpis">
        <div>
          <dt>{t('model.median')}</dt>
          <dd>{formatDuration(figures?.medianLeadTimeMs, locale)}</dd>
        </div>
        <div>
          <dt>{t('model.withinNorm')}</dt>
          <dd className="step-node__pct">{formatPercent(figures?.withinNormPct)}</dd>
        </div>
        <div>
          <dt>{t('model.wip')}</dt>
          <dd>{figures?.workInProgress ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('model.escalations')}</dt>
          <dd className={figures?.openEscalations ? 'step-node__alert' : undefined}>
            {figures?.openEscalations ?? '—'}
          </dd>
        </div>
      </dl>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}
