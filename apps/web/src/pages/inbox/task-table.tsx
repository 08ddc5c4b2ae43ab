import { Link } from 'react-router';
import type { InboxItem } from '../../api/types';
import { useCurrentUser } from '../../auth/auth-context';
import { DueBadge } from '../../components/due-badge';
import { formatDate } from '../../components/format';
import { useI18n } from '../../i18n/i18n-context';
import { paths } from '../../routes';

/** The inbox's tasks: case, client pseudonym, step, chain, when it came in, when it is due and who holds it. */
export function TaskTable({
  items,
  chainNames,
}: {
  items: InboxItem[];
  chainNames: Map<string, string>;
}) {
  const { t, locale } = useI18n();
  const user = useCurrentUser();
  function assignee(item: InboxItem): string {
    if (!item.assigneeId) return t('inbox.assignee.none');
    return item.assigneeId === user.id ? t('inbox.assignee.me') : t('inbox.assignee.colleague');
  }
  return (
    <div className="table-wrap">
      <table className="table" data-testid="inbox-table">
        <thead>
          <tr>
            <th scope="col">{t('inbox.col.case')}</th>
            <th scope="col">{t('inbox.col.client')}</th>
            <th scope="col">{t('inbox.col.step')}</th>
            <th scope="col">{t('inbox.col.chain')}</th>
            <th scope="col">{t('inbox.col.opened')}</th>
            <th scope="col">{t('inbox.col.due')}</th>
            <th scope="col">{t('inbox.col.assignee')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">
                <Link to={paths.task(item.id)}>
                  {t('inbox.caseLabel', { case: item.caseNumber ?? item.caseId.slice(0, 8) })}
                </Link>
              </th>
              <td>{item.clientReference ?? '—'}</td>
              <td>
                {item.stepName}
                {item.iteration > 1 && (
                  <span className="muted">
                    {' '}
                    ({t('inbox.iteration', { iteration: item.iteration })})
                  </span>
                )}
              </td>
              <td>{chainNames.get(item.chainId) ?? item.chainId}</td>
              <td>{formatDate(item.openedAt, locale)}</td>
              <td>
                <DueBadge dueAt={item.dueAt} />
              </td>
              <td>{assignee(item)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
