import { useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { casesApi } from '../../api/cases-api';
import { modelsApi } from '../../api/models-api';
import {
  isKnownTask,
  type CaseView,
  type ReferenceModel,
  type TimelineEntry,
  type Transition,
} from '../../api/types';
import { useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { Notice } from '../../components/states';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';
import { ActionForm, type ActionValues } from '../regisseur/action-form';
import { ActionsUnavailableNote } from '../../components/offered-action';
import { actionSpecs, runAction, type FormAction } from '../regisseur/case-actions';
import { CaseTasksTable } from '../regisseur/case-tasks-table';
import { TimelineList } from '../task/timeline-list';
import { caseNormText } from './case-norm-text';

/** What the intake page hands over: the tasks the new case opened. */
export interface OpenedState {
  opened?: Transition['opened'];
}

/** A case as process data with its tasks and timeline; the regisseur's interventions beside it. */
export function CasePage() {
  const http = useHttp();
  const { caseId = '' } = useParams();
  const result = useAsync(async () => {
    const [view, timeline] = await Promise.all([
      casesApi.get(http, caseId),
      casesApi.timeline(http, caseId),
    ]);
    const model = await modelsApi.version(http, view.chainId, view.modelVersion);
    return { view, timeline, model };
  }, [http, caseId]);
  return (
    <AsyncView result={result}>
      {(data) => <CaseDetail {...data} onChanged={result.reload} />}
    </AsyncView>
  );
}

interface DetailProps {
  view: CaseView;
  timeline: TimelineEntry[];
  model: ReferenceModel;
  onChanged: () => void;
}

function CaseDetail({ view, timeline, model, onChanged }: DetailProps) {
  const { t, locale } = useI18n();
  const http = useHttp();
  const location = useLocation();
  const opened = (location.state as OpenedState | null)?.opened ?? [];
  const [done, setDone] = useState(false);
  const partnerName = (id: string) =>
    model.partners.find((partner) => partner.id === id)?.name ?? id;
  const stepName = (id: string) => model.steps.find((step) => step.id === id)?.name ?? id;
  const category =
    model.intake.categories.find((candidate) => candidate.id === view.category)?.name ??
    view.category;
  const actions = actionSpecs(view.actions, {
    tasks: view.tasks.filter(isKnownTask),
    ends: model.ends,
    alternatives: (stepId) =>
      model.steps.find((step) => step.id === stepId)?.alternativePartners ?? [],
    partnerName,
    t,
  });

  async function act(action: string, reason: string, values: ActionValues) {
    await runAction(http, { caseId: view.id }, action as FormAction, reason, values);
    setDone(true);
    onChanged();
  }

  return (
    <>
      <PageTitle title={t('case.title', { number: view.number })}>
        <span className="status-pill">{t(`case.status.${view.status}`)}</span>
      </PageTitle>
      {opened.length > 0 && (
        <Notice>
          <p>{t('intake.opened', { number: view.number })}</p>
          <ul data-testid="opened-tasks">
            {opened.map((task) => (
              <li key={task.taskKey}>
                {t('intake.firstTask', {
                  step: stepName(task.stepId),
                  partner: partnerName(task.partnerId),
                })}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      {done && <Notice>{t('escalation.done')}</Notice>}
      <div className="task-layout">
        <section className="panel task-layout__main" aria-labelledby="process-title">
          <h2 id="process-title">{t('escalation.process')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('inbox.chain')}</dt>
              <dd>{model.chain.name}</dd>
            </div>
            <div>
              <dt>{t('intake.category')}</dt>
              <dd>{category}</dd>
            </div>
            <div>
              <dt>{t('intake.intensity')}</dt>
              <dd>{t(`intensity.${view.intensity as 'align'}`)}</dd>
            </div>
            <div>
              <dt>{t('escalation.heldBy')}</dt>
              <dd>{view.currentPartners.map(partnerName).join(', ') || '—'}</dd>
            </div>
            <div>
              <dt>{t('case.openedAt')}</dt>
              <dd>{formatDateTime(view.openedAt, locale)}</dd>
            </div>
            <div>
              <dt>{t('case.norm')}</dt>
              <dd data-testid="case-norm">{caseNormText(view.norm, t, locale)}</dd>
            </div>
          </dl>
          <h3>{t('escalation.tasks')}</h3>
          <CaseTasksTable tasks={view.tasks} partnerName={partnerName} />
        </section>
        <div className="task-layout__side">
          <ActionsUnavailableNote unavailable={view.actionsUnavailable} />
          {actions.length > 0 && (
            <ActionForm id="case-action" title="case.actions" actions={actions} onSubmit={act} />
          )}
          <section className="panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('timeline.title')}</h2>
            <TimelineList entries={timeline} chainId={view.chainId} />
          </section>
        </div>
      </div>
    </>
  );
}
