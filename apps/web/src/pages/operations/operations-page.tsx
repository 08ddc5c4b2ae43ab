import { kpisApi } from '../../api/kpis-api';
import { useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { ChainSelect } from '../../components/chain-select';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useModelNames } from '../../components/use-model-names';
import { useSelectedChain } from '../../components/use-selected-chain';
import { useI18n } from '../../i18n/i18n-context';
import { causeText } from '../regisseur/escalation-labels';
import { BarChartView } from './bar-chart-view';
import { ChartCard } from './chart-card';
import { CHART_COLOURS } from './chart-colours';
import {
  ageingPerStep,
  escalationsPerCause,
  leadTimePerStep,
  suppressedGroups,
  withinNormPerPartner,
} from './dashboard-data';
import { ExportButtons } from './export-buttons';
import { ThroughputChart } from './throughput-chart';

/** The throughput chart looks back this many weeks. */
const THROUGHPUT_WEEKS = 12;

function weeksAgo(weeks: number): string {
  return new Date(Date.now() - weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}

/** Throughput, work in progress and ageing, lead times, norms per partner, escalations — per chain. */
export function OperationsPage() {
  const { t } = useI18n();
  const http = useHttp();
  const names = useModelNames();
  const { chains, chainId, select } = useSelectedChain();
  const deps = [http, chainId];
  const query = { chainId };
  const step = (stepId: string) => names.step(chainId, stepId);
  const throughput = useAsync(
    () => kpisApi.throughput(http, { ...query, from: weeksAgo(THROUGHPUT_WEEKS) }),
    deps,
  );
  const wip = useAsync(() => kpisApi.workInProgress(http, query), deps);
  const leadTimes = useAsync(() => kpisApi.leadTimes(http, query), deps);
  const withinNorm = useAsync(() => kpisApi.withinNorm(http, query), deps);
  const escalations = useAsync(() => kpisApi.escalations(http, query), deps);

  return (
    <>
      <PageTitle title={t('ops.title')} />
      <AsyncView result={chains} isEmpty={(data) => data.length === 0} empty={t('models.empty')}>
        {(list) => <ChainSelect chains={list} value={chainId} onChange={select} />}
      </AsyncView>
      {chainId && (
        <div className="dashboard">
          <ChartCard id="chart-throughput" title={t('ops.throughput')} result={throughput}>
            {(data) => <ThroughputChart data={data} />}
          </ChartCard>
          <ChartCard
            id="chart-wip"
            title={t('ops.wip')}
            result={wip}
            rows={(data) => ageingPerStep(data, step)}
            suppressed={(data) => suppressedGroups(data, (row) => step(row.stepId))}
          >
            {(rows) => (
              <BarChartView
                stacked
                category="step"
                data={rows}
                series={[
                  { key: 'under7', label: t('ops.age.under7'), colour: CHART_COLOURS.teal },
                  { key: 'from7to28', label: t('ops.age.7to28'), colour: CHART_COLOURS.amber },
                  { key: 'over28', label: t('ops.age.over28'), colour: CHART_COLOURS.red },
                ]}
              />
            )}
          </ChartCard>
          <ChartCard
            id="chart-lead-times"
            title={t('ops.leadTimes')}
            result={leadTimes}
            rows={(data) => leadTimePerStep(data, step)}
            suppressed={(data) => suppressedGroups(data, (row) => step(row.stepId))}
          >
            {(rows) => (
              <BarChartView
                category="step"
                data={rows}
                series={
                  rows[0]?.unit === 'hours'
                    ? [
                        { key: 'median', label: t('ops.medianHours'), colour: CHART_COLOURS.blue },
                        { key: 'p90', label: t('ops.p90Hours'), colour: CHART_COLOURS.purple },
                      ]
                    : [
                        { key: 'median', label: t('ops.medianDays'), colour: CHART_COLOURS.blue },
                        { key: 'p90', label: t('ops.p90Days'), colour: CHART_COLOURS.purple },
                      ]
                }
              />
            )}
          </ChartCard>
          <ChartCard
            id="chart-partners"
            title={t('ops.withinNorm')}
            result={withinNorm}
            rows={(data) =>
              withinNormPerPartner(data, (partnerId) => names.partner(chainId, partnerId))
            }
            suppressed={(data) =>
              suppressedGroups(data, (row) => names.partner(chainId, row.partnerId))
            }
          >
            {(rows) => (
              <BarChartView
                category="partner"
                unit="%"
                max={100}
                data={rows}
                series={[{ key: 'pct', label: t('model.withinNorm'), colour: CHART_COLOURS.teal }]}
              />
            )}
          </ChartCard>
          <ChartCard
            id="chart-escalations"
            title={t('ops.escalationsByCause')}
            result={escalations}
            rows={(data) => escalationsPerCause(data, (trigger) => causeText(trigger, t))}
            suppressed={(data) => suppressedGroups(data, (row) => causeText(row.trigger, t))}
          >
            {(rows) => (
              <BarChartView
                category="cause"
                data={rows}
                series={[{ key: 'count', label: t('ops.count'), colour: CHART_COLOURS.amber }]}
              />
            )}
          </ChartCard>
          <ExportButtons chainId={chainId} />
        </div>
      )}
    </>
  );
}
