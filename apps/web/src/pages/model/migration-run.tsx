import { useCallback } from 'react';
import { migrationsApi } from '../../api/migrations-api';
import { useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { useAsync } from '../../components/use-async';
import { useInterval } from '../../components/use-interval';
import { useI18n } from '../../i18n/i18n-context';
import { settledPercent } from './migration-view';

/** How often a running migration's progress is read. */
const POLL_MS = 1000;

/** A run's progress bar and what became of each case, read again every second while it runs. */
export function MigrationRunProgress({ chainId, runId }: { chainId: string; runId: string }) {
  const { t } = useI18n();
  const http = useHttp();
  const run = useAsync(() => migrationsApi.run(http, chainId, runId), [http, chainId, runId]);
  const running = run.status !== 'ready' || run.data.status === 'running';
  const { reload } = run;
  const poll = useCallback(() => {
    if (running) reload();
  }, [running, reload]);
  useInterval(poll, POLL_MS);
  return (
    <section className="panel" aria-labelledby="run-title">
      <h2 id="run-title">{t('migration.run')}</h2>
      <AsyncView result={run}>
        {(data) => {
          const percent = settledPercent(data.progress);
          const { progress } = data;
          return (
            <>
              <progress
                className="migration-progress"
                max={100}
                value={percent}
                aria-label={t('migration.progress')}
                aria-valuetext={`${percent}%`}
              />
              <p role="status">
                {t(data.status === 'finished' ? 'migration.finished' : 'migration.running', {
                  percent,
                  migrated: progress.migrated,
                  refused: progress.refused,
                  already: progress.alreadyMigrated,
                  total: progress.total,
                  batches: progress.batchesDone,
                  of: progress.batches,
                })}
              </p>
              <div className="table-wrap">
                <table className="table" aria-label={t('migration.runCases')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('migration.case')}</th>
                      <th scope="col">{t('migration.batch')}</th>
                      <th scope="col">{t('migration.outcome')}</th>
                      <th scope="col">{t('migration.why')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.cases.map((entry) => (
                      <tr key={entry.caseId} data-outcome={entry.outcome}>
                        <td>{entry.detail?.caseNumber ?? entry.caseId.slice(0, 8)}</td>
                        <td>{entry.batch + 1}</td>
                        <td>
                          {t(`migration.outcome.${entry.outcome}` as 'migration.outcome.refused')}
                        </td>
                        <td>
                          {entry.detail?.problems.map((problem) => problem.message).join('; ')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}
