import type { ReactNode } from 'react';
import { AsyncView } from '../../components/async-view';
import type { Async } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';

interface Props<T, R> {
  id: string;
  title: string;
  result: Async<T[]> & { reload: () => void };
  /** What the chart plots out of the loaded rows (default: the rows themselves). */
  rows?: (data: T[]) => R[];
  children: (rows: R[]) => ReactNode;
}

/** True when every group was too small to show (privacy: the API's minimum group size). */
function allSuppressed(data: unknown[]): boolean {
  return (
    data.length > 0 && data.every((row) => (row as { suppressed?: boolean }).suppressed === true)
  );
}

/** A titled dashboard tile with its own loading, error and empty state. */
export function ChartCard<T, R = T>({ id, title, result, rows, children }: Props<T, R>) {
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
    </section>
  );
}
