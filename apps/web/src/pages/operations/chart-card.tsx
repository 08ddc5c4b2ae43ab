import type { ReactNode } from 'react';
import { AsyncView } from '../../components/async-view';
import { Suppressed } from '../../components/suppressed';
import type { Async } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';
import type { SuppressedGroups } from './dashboard-data';

interface Props<T, R> {
  id: string;
  title: string;
  result: Async<T[]> & { reload: () => void };
  /** What the chart plots out of the loaded rows (default: the rows themselves). */
  rows?: (data: T[]) => R[];
  children: (rows: R[]) => ReactNode;
  /** The groups the small-group rule held back, named under the chart. */
  suppressed?: (data: T[]) => SuppressedGroups;
}

/** True when every group was too small to show (privacy: the API's minimum group size). */
function allSuppressed(data: unknown[]): boolean {
  return (
    data.length > 0 && data.every((row) => (row as { suppressed?: boolean }).suppressed === true)
  );
}

/** A titled dashboard tile with its own loading, error and empty state. */
export function ChartCard<T, R = T>({
  id,
  title,
  result,
  rows,
  children,
  suppressed,
}: Props<T, R>) {
  const { t } = useI18n();
  const plotted = (data: T[]) => (rows ? rows(data) : (data as unknown as R[]));
  return (
    <section className="panel chart-card" aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <AsyncView
        result={result}
        isEmpty={(data) => plotted(data).length === 0}
        empty={
          result.status === 'ready' && allSuppressed(result.data)
            ? t('ops.suppressed')
            : t('ops.noData')
        }
      >
        {(data) => <div className="chart-card__chart">{children(plotted(data))}</div>}
      </AsyncView>
      {result.status === 'ready' && suppressed && (
        <SuppressedLine groups={suppressed(result.data)} />
      )}
    </section>
  );
}

/** "Onderdrukt (minder dan 5 casussen): Stap A, Stap B", each with the explanation as tooltip. */
function SuppressedLine({ groups }: { groups: SuppressedGroups }) {
  const { t } = useI18n();
  if (groups.names.length === 0) return null;
  return (
    <p className="muted chart-card__suppressed" data-testid="suppressed-groups">
      {t('kpi.suppressedGroups', { min: groups.minGroupSize ?? '?' })}{' '}
      {groups.names.map((name, index) => (
        <span key={name}>
          {index > 0 && ', '}
          {name} (<Suppressed minGroupSize={groups.minGroupSize} />)
        </span>
      ))}
    </p>
  );
}
