import { useState } from 'react';
import { tasksApi } from '../../api/tasks-api';
import type { TaskDetail } from '../../api/types';
import { useHttp } from '../../auth/auth-context';
import { ErrorMessage } from '../../components/error-message';
import { offered, RefusalNote } from '../../components/offered-action';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';

/** Claim, release to colleagues, or assign to a colleague: as far as the server offers them. */
export function TaskActions({ detail, onChanged }: { detail: TaskDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const http = useHttp();
  const colleagues = useAsync(() => tasksApi.colleagues(http), [http]);
  const [assignee, setAssignee] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { task } = detail;

  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const claim = offered(detail.actions, 'claim');
  const unclaim = offered(detail.actions, 'unclaim');
  const assign = offered(detail.actions, 'assign');
  return (
    <section className="panel task-actions" aria-label={t('task.status')}>
      <div className="actions">
        {claim && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy || !claim.allowed}
            aria-describedby={claim.allowed ? undefined : 'claim-refusal'}
            onClick={() => act(() => tasksApi.claim(http, task.id))}
          >
            {t('task.claim')}
          </button>
        )}
        {unclaim && (
          <button
            type="button"
            className="button button--secondary"
            disabled={busy || !unclaim.allowed}
            aria-describedby={unclaim.allowed ? undefined : 'unclaim-refusal'}
            onClick={() => act(() => tasksApi.unclaim(http, task.id))}
          >
            {t('task.unclaim')}
          </button>
        )}
      </div>
      <RefusalNote id="claim-refusal" verdict={claim} />
      <RefusalNote id="unclaim-refusal" verdict={unclaim} />
      {assign && colleagues.status === 'ready' && colleagues.data.length > 0 && (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (assignee) void act(() => tasksApi.assign(http, task.id, assignee));
          }}
        >
          <label htmlFor="assignee">{t('task.assignTo')}</label>
          <select
            id="assignee"
            value={assignee}
            disabled={!assign.allowed}
            onChange={(event) => setAssignee(event.target.value)}
          >
            <option value="">{t('form.choose')}</option>
            {colleagues.data.map((colleague) => (
              <option key={colleague.id} value={colleague.id}>
                {colleague.displayName}
              </option>
            ))}
          </select>
          <button
            type="submit"
            className="button button--secondary"
            disabled={busy || !assignee || !assign.allowed}
          >
            {t('task.assign')}
          </button>
          <RefusalNote id="assign-refusal" verdict={assign} />
        </form>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </section>
  );
}
