import type { CaseTask } from '../../api/types';
import { DueBadge } from '../../components/due-badge';
import { formatDateTime } from '../../components/format';
import { useI18n } from '../../i18n/i18n-context';
import { taskStatusKey } from '../task/task-status';

/** The case's tasks as process data: step, partner, status, since when, against which due date. */
export function CaseTasksTable({
  tasks,
  partnerName,
}: {
  tasks: CaseTask[];
  partnerName: (id: string) => string;
}) {
  const { t, locale } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="case-tasks">
        <thead>
          <tr>
            <th scope="col">{t('inbox.col.step')}</th>
            <th scope="col">{t('escalations.col.partner')}</th>
            <th scope="col">{t('task.status')}</th>
            <th scope="col">{t('inbox.col.opened')}</th>
            <th scope="col">{t('inbox.col.due')}</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task, index) => (
            <tr key={task.id ?? `confidential-${index}`}>
              <th scope="row">{task.stepName}</th>
              <td>{task.partnerId === null ? '—' : partnerName(task.partnerId)}</td>
              <td>{t(taskStatusKey(task))}</td>
              <td>{formatDateTime(task.openedAt, locale)}</td>
              <td>
                {task.status !== 'open' ? (
                  '—'
                ) : task.suspendedSince ? (
                  t('event.task.suspended')
                ) : (
                  <DueBadge dueAt={task.dueAt} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
