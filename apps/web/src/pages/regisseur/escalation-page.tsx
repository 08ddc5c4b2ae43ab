import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { escalationsApi, type EscalationDetail } from '../../api/escalations-api';
import { modelsApi } from '../../api/models-api';
import { isKnownTask, type ReferenceModel } from '../../api/types';
import { useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { Notice } from '../../components/states';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';
import { paths } from '../../routes';
import { TimelineList } from '../task/timeline-list';
import { ActionsUnavailableNote } from '../../components/offered-action';
import { ActionForm, type ActionValues } from './action-form';
import { actionSpecs, runAction, type FormAction } from './case-actions';
import { CaseTasksTable } from './case-tasks-table';
import { causeText, levelKey, ownerText } from './escalation-labels';

/** One escalation: the case's process data (not its content) and the regisseur's actions. */
export function EscalationPage() {
  const http = useHttp();
  const { escalationId = '' } = useParams();
  const detail = useAsync(async () => {
    const loaded = await escalationsApi.detail(http, escalationId);
    const model = await modelsApi.version(http, loaded.case.chainId, loaded.case.modelVersion);
    return { detail: loaded, model };
  }, [http, escalationId]);
  return (
    <AsyncView result={detail}>
      {({ detail: data, model }) => (
        <EscalationView detail={data} model={model} onChanged={detail.reload} />
      )}
    </AsyncView>
  );
}

interface ViewProps {
  detail: EscalationDetail;
  model: ReferenceModel;
  onChanged: () => void;
}

function EscalationView({ detail, model, onChanged }: ViewProps) {
  const { t, locale } = useI18n();
  const http = useHttp();
  const [done, setDone] = useState(false);
  const { escalation, case: view, tasks } = detail;
  const partnerName = (id: string) =>
    model.partners.find((partner) => partner.id === id)?.name ?? id;
  const actions = actionSpecs(detail.actions, {
    tasks: tasks.filter(isKnownTask),
    ends: model.ends,
    alternatives: (stepId) =>
      model.steps.find((step) => step.id === stepId)?.alternativePartners ?? [],
    partnerName,
    t,
    escalationId: escalation.id,
  });

  async function act(action: string, reason: string, values: ActionValues) {
    await runAction(
      http,
      {
        caseId: view.id,
        taskKey: escalation.taskKey ?? undefined,
        escalation: { id: escalation.id, caseId: view.id },
      },
      action as FormAction,
      reason,
      values,
    );
    setDone(true);
    onChanged();
  }

  return (
    <>
      <Link to={paths.escalations} className="back-link">
        ← {t('escalations.title')}
      </Link>
      <PageTitle title={t('escalation.title', { number: view.number })}>
        <span className={`level level--${escalation.level}`}>{t(levelKey(escalation.level))}</span>
        <span className="status-pill">{causeText(escalation.trigger, t)}</span>
      </PageTitle>
      {done && <Notice>{t('escalation.done')}</Notice>}
      <div className="task-layout">
        <section className="panel task-layout__main" aria-labelledby="process-title">
          <h2 id="process-title">{t('escalation.process')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('escalation.heldBy')}</dt>
              <dd>{view.currentPartners.map(partnerName).join(', ') || '—'}</dd>
            </div>
            <div>
              <dt>{t('escalation.since')}</dt>
              <dd>{formatDateTime(escalation.raisedAt, locale)}</dd>
            </div>
            <div>
              <dt>{t('escalation.owner')}</dt>
              <dd>{ownerText(escalation.owner, t, partnerName)}</dd>
            </div>
            <div>
              <dt>{t('escalation.levelDueAt')}</dt>
              <dd>{formatDateTime(escalation.levelDueAt, locale)}</dd>
            </div>
          </dl>
          <p>
            <Link to={paths.caseView(view.id)}>{t('case.open', { number: view.number })}</Link>
          </p>
          <h3>{t('escalation.tasks')}</h3>
          <CaseTasksTable tasks={tasks} partnerName={partnerName} />
          <h3 id="history-title">{t('escalation.history')}</h3>
          <div className="table-wrap">
            <table
              className="table"
              aria-labelledby="history-title"
              data-testid="escalation-history"
            >
              <thead>
                <tr>
                  <th scope="col">{t('escalations.col.cause')}</th>
                  <th scope="col">{t('escalations.col.level')}</th>
                  <th scope="col">{t('escalation.history.status')}</th>
                  <th scope="col">{t('escalation.history.raisedAt')}</th>
                  <th scope="col">{t('escalation.history.resolvedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.history.map((earlier) => (
                  <tr key={earlier.id}>
                    <th scope="row">
                      {causeText(earlier.trigger, t)}
                      {earlier.id === escalation.id && ` (${t('escalation.history.current')})`}
                    </th>
                    <td>{t(levelKey(earlier.level))}</td>
                    <td>{t(`escalation.status.${earlier.status}`)}</td>
                    <td>{formatDateTime(earlier.raisedAt, locale)}</td>
                    <td>{formatDateTime(earlier.resolvedAt ?? null, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <div className="task-layout__side">
          <ActionsUnavailableNote unavailable={detail.actionsUnavailable} />
          {escalation.status === 'open' && actions.length > 0 ? (
            <ActionForm
              key={escalation.level}
              id="escalation"
              title="escalation.action"
              actions={actions}
              onSubmit={act}
            />
          ) : (
            <Notice tone="info">{escalation.resolution ?? t('escalation.done')}</Notice>
          )}
          <section className="panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('timeline.title')}</h2>
            <TimelineList entries={detail.timeline} chainId={view.chainId} />
          </section>
        </div>
      </div>
    </>
  );
}
