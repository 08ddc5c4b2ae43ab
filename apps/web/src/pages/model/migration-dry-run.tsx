import type { DryRun, TaskMigration } from '../../api/migrations-api';
import { formatDate } from '../../components/format';
import { useI18n } from '../../i18n/i18n-context';
import { dryRunRows } from './migration-view';

function Place({ task }: { task: TaskMigration }) {
  const { locale } = useI18n();
  const before = task.before;
  const after = task.after;
  return (
    <>
      <td>
        {before && `${before.stepId} · ${before.partnerId}`}
        {before && after && ' → '}
        {after && `${after.stepId} · ${after.partnerId}`}
      </td>
      <td>
        {before && formatDate(before.dueAt, locale)}
        {before && after && ' → '}
        {after && formatDate(after.dueAt, locale)}
      </td>
    </>
  );
}

/** The dry run's answer: per case and task what would happen, and why a case cannot migrate. */
export function MigrationDryRun({ dryRun }: { dryRun: DryRun }) {
  const { t } = useI18n();
  const rows = dryRunRows(dryRun.cases);
  return (
    <section className="panel" aria-labelledby="dry-run-title">
      <h2 id="dry-run-title">{t('migration.dryRun')}</h2>
      <p role="status">
        {t('migration.dryRunSummary', {
          selected: dryRun.selected,
          migratable: dryRun.summary.migratable,
          refused: dryRun.summary.refused,
          already: dryRun.summary.alreadyMigrated,
        })}
      </p>
      <div className="table-wrap">
        <table className="table" aria-label={t('migration.dryRun')}>
          <thead>
            <tr>
              <th scope="col">{t('migration.case')}</th>
              <th scope="col">{t('migration.outcome')}</th>
              <th scope="col">{t('migration.task')}</th>
              <th scope="col">{t('migration.action')}</th>
              <th scope="col">{t('migration.place')}</th>
              <th scope="col">{t('migration.due')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.caseId}/${row.task?.taskKey ?? ''}`} data-outcome={row.outcome}>
                <td>{row.caseNumber ?? row.caseId.slice(0, 8)}</td>
                <td>{t(`migration.outcome.${row.outcome}` as 'migration.outcome.refused')}</td>
                {row.task ? (
                  <>
                    <td>{row.task.taskKey}</td>
                    <td>{t(`migration.action.${row.task.action}` as 'migration.action.kept')}</td>
                    <Place task={row.task} />
                  </>
                ) : (
                  <td colSpan={4}>{row.problems.join('; ')}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
