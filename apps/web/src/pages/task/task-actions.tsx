import { useState } from 'react';
import { tasksApi } from '../../api/tasks-api';
import type { TaskDetail } from '../../api/types';
import { useCurrentUser, useHttp } from '../../auth/auth-context';
import { ErrorMessage } from '../../components/error-message';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';

/** Claim, put back, or assign to a colleague. */
export function TaskActions({ detail, onChanged }: { detail: TaskDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const http = useHttp();
  const user = useCurrentUser();
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

  const mine = task.assigneeId === user.id;
  return (
    <section className="panel task-actions" aria-label={t('task.status')}>
      <div className="actions">
        {!task.assigneeId && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => act(() => tasksApi.claim(http, task.id))}
          >
            {t('task.claim')}
          </button>
        )}
        {mine && (
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => act(() => tasksApi.unclaim(http, task.id))}
          >
            {t('task.unclaim')}
          </button>
        )}
      </div>
      {colleagues.status === 'ready' && colleagues.data.length > 0 && (
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
            onChange={(event) => setAssignee(event.target.value)}
          >
            <option value="">{t('form.choose')}</option>
            {colleagues.data.map((colleague) => (
              <option key={colleague.id} value={colleague.id}>
                {colleague.displayName}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--secondary" disabled={busy || !assignee}>
            {t('task.assign')}
          </button>
        </form>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </section>
  );
}
