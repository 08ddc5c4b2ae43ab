import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  ESCALATION_ACTIONS,
  escalationsApi,
  type EscalationAction,
  type EscalationDetail,
} from '../../api/escalations-api';
import { modelsApi } from '../../api/models-api';
import type { ReferenceModel } from '../../api/types';
import { useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { endOfWorkday, formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { Notice } from '../../components/states';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';
import { paths } from '../../routes';
import { TimelineList } from '../task/timeline-list';
import { ActionForm, type ActionValues } from './action-form';
import { availableActions, escalationActionSpecs } from './available-actions';
import { caseActionSpecs, isCaseAction, runCaseAction } from './case-actions';
import { CaseTasksTable } from './case-tasks-table';
import { causeText, levelKey } from './escalation-labels';

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
  const alternatives =
    model.steps.find((step) => step.id === escalation.stepId)?.alternativePartners ?? [];
  const actions = [
    ...escalationActionSpecs(
      availableActions(escalation, alternatives),
      alternatives.map((id) => ({ id, name: partnerName(id) })),
    ),
    ...caseActionSpecs({
      caseStatus: view.status,
      tasks,
      ends: model.ends,
      partnerName,
      t,
      escalationId: escalation.id,
      taskKey: escalation.taskKey,
      norm: view.norm,
      normRules: model.caseNorm,
    }),
  ];

  async function act(action: string, reason: string, values: ActionValues) {
    if (isCaseAction(action)) {
      await runCaseAction(http, view.id, action, reason, values, escalation.id);
    } else if ((ESCALATION_ACTIONS as readonly string[]).includes(action)) {
      await escalationsApi.act(http, escalation, {
        action: action as EscalationAction,
        reason,
        partnerId: values.partnerId || undefined,
        dueAt: values.dueAt ? endOfWorkday(values.dueAt) : undefined,
      });
    }
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
              <dd>{escalation.owner}</dd>
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
        </section>
        <div className="task-layout__side">
          {escalation.status === 'open' ? (
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
            <TimelineList entries={detail.timeline} />
          </section>
        </div>
      </div>
    </>
  );
}
