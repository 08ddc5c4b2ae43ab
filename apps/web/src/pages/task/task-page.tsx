import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { casesApi } from '../../api/cases-api';
import { tasksApi } from '../../api/tasks-api';
import { isKnownTask, type CaseData, type TaskDetail } from '../../api/types';
import { useCurrentUser, useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { DueBadge } from '../../components/due-badge';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { ActionsUnavailableNote, offered, RefusalNote } from '../../components/offered-action';
import { Notice } from '../../components/states';
import { useAsync } from '../../components/use-async';
import { useModelNames } from '../../components/use-model-names';
import { useI18n } from '../../i18n/i18n-context';
import { paths } from '../../routes';
import { CasePanel } from './case-panel';
import { CaseTimeline } from './case-timeline';
import { completionNotice } from './completion-notice';
import { NoteReaders } from './note-readers';
import { ReasonForm } from './reason-form';
import { TaskActions } from './task-actions';
import { TaskForm } from './task-form';
import { taskStatusKey } from './task-status';

/** The caseworker's page for one task: the case as far as this step may see it, and the work. */
export function TaskPage() {
  const { taskId = '' } = useParams();
  const http = useHttp();
  const detail = useAsync(() => tasksApi.detail(http, taskId), [http, taskId]);
  return (
    <AsyncView result={detail}>
      {(data) => <TaskView detail={data} onChanged={detail.reload} />}
    </AsyncView>
  );
}

function TaskView({ detail, onChanged }: { detail: TaskDetail; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const http = useHttp();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const names = useModelNames();
  const [noteRound, setNoteRound] = useState(0);
  const [noteSaved, setNoteSaved] = useState(false);
  const [sharedWith, setSharedWith] = useState<string[]>([]);
  const [category, setCategory] = useState('');
  const caseView = useAsync(() => casesApi.get(http, detail.case.id), [http, detail.case.id]);
  const [disputeRaised, setDisputeRaised] = useState(false);
  const { task, step } = detail;
  const casePartners =
    caseView.status === 'ready'
      ? [...new Set(caseView.data.tasks.filter(isKnownTask).map((caseTask) => caseTask.partnerId))]
          .filter((partner) => partner !== user.organisationId)
          .map((partner) => ({ id: partner, name: names.partner(task.chainId, partner) }))
      : [];
  const open = task.status === 'open';
  const completing = offered(detail.actions, 'complete');
  const returning = offered(detail.actions, 'return');
  const disagreeing = offered(detail.actions, 'disagree');

  async function complete(outcome: string, data: CaseData) {
    const transition = await tasksApi.complete(http, task.id, outcome, data);
    navigate(paths.inbox, { state: { notice: completionNotice(transition, user.organisationId) } });
  }

  async function giveBack(reason: string) {
    await tasksApi.giveBack(http, task.id, reason, category || undefined);
    navigate(paths.inbox, { state: { notice: 'task.returned' } });
  }

  async function disagree(reason: string) {
    await tasksApi.disagree(http, task.id, reason);
    setDisputeRaised(true);
    setNoteRound((round) => round + 1);
  }

  async function addNote(text: string) {
    await casesApi.addNote(http, detail.case.id, { text, taskKey: task.taskKey, sharedWith });
    setSharedWith([]);
    setNoteSaved(true);
    setNoteRound((round) => round + 1);
  }

  return (
    <div className="task-page">
      <Link to={paths.inbox} className="back-link">
        ← {t('task.back')}
      </Link>
      <PageTitle title={t('task.title', { number: detail.case.number, step: step.name })}>
        <span className="status-pill">{t(taskStatusKey(task))}</span>
        <DueBadge dueAt={task.dueAt} />
      </PageTitle>
      <dl className="facts facts--inline">
        <div>
          <dt>{t('task.dueAt')}</dt>
          <dd data-testid="task-due">
            {formatDateTime(task.dueAt, locale)}
            {step.dueFrom && (
              <span className="muted">
                {' '}
                {t(
                  task.dueAt === null && open
                    ? 'task.dueFrom.waiting'
                    : `task.dueFrom.${step.dueFrom.direction}`,
                  { field: step.dueFrom.label },
                )}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('task.escalationAt')}</dt>
          <dd>{formatDateTime(task.escalationAt, locale)}</dd>
        </div>
        <div>
          <dt>{t('inbox.col.chain')}</dt>
          <dd>{names.chain(task.chainId)}</dd>
        </div>
      </dl>
      <ActionsUnavailableNote unavailable={detail.actionsUnavailable} />
      <div className="task-layout">
        <div className="task-layout__main">
          <section className="panel instructions" aria-labelledby="instructions-title">
            <h2 id="instructions-title">{t('task.instructions')}</h2>
            <p>{step.instructions}</p>
          </section>
          {open && <TaskActions detail={detail} onChanged={onChanged} />}
          {!open && <Notice tone="info">{t('task.closed')}</Notice>}
          <RefusalNote id="complete-refusal" verdict={completing} />
          {completing && (
            <TaskForm detail={detail} disabled={!completing.allowed} onComplete={complete} />
          )}
          {returning && (
            <ReasonForm
              id="return-reason"
              title="return.title"
              intro="return.intro"
              label="return.reason"
              submit="return.submit"
              tooShort="return.reasonTooShort"
              minLength={3}
              disabled={!returning.allowed}
              refusal={returning}
              onSubmit={giveBack}
            >
              {step.returnReasons && (
                <div className="field">
                  <label htmlFor="return-category">{t('return.category')}</label>
                  <select
                    id="return-category"
                    value={category}
                    disabled={!returning.allowed}
                    onChange={(event) => setCategory(event.target.value)}
                  >
                    <option value="">{t('return.noCategory')}</option>
                    {step.returnReasons.map((reason) => (
                      <option key={reason.id} value={reason.id}>
                        {reason.label}
                      </option>
                    ))}
                  </select>
                </div>
              )}
            </ReasonForm>
          )}
        </div>
        <div className="task-layout__side">
          <CasePanel detail={detail} />
          {noteSaved && <Notice>{t('notes.saved')}</Notice>}
          <ReasonForm
            id="note-text"
            title="notes.title"
            label="notes.text"
            submit="notes.submit"
            tooShort="notes.empty"
            minLength={1}
            onSubmit={addNote}
          >
            <NoteReaders partners={casePartners} selected={sharedWith} onChange={setSharedWith} />
          </ReasonForm>
          {disputeRaised && <Notice>{t('disagree.raised')}</Notice>}
          {disagreeing && (
            <ReasonForm
              id="disagree-reason"
              title="disagree.title"
              intro="disagree.intro"
              label="disagree.reason"
              submit="disagree.submit"
              tooShort="return.reasonTooShort"
              minLength={3}
              disabled={!disagreeing.allowed}
              refusal={disagreeing}
              onSubmit={disagree}
            />
          )}
          <CaseTimeline caseId={detail.case.id} chainId={task.chainId} version={noteRound} />
        </div>
      </div>
    </div>
  );
}
