import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  escalationsApi,
  type EscalationActionRequest,
  type EscalationDetail,
} from '../../api/escalations-api';
import { modelsApi } from '../../api/models-api';
import { useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/page-title';
import { Notice } from '../../components/states';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';
import { paths } from '../../routes';
import { TimelineList } from '../task/timeline-list';
import { availableActions } from './available-actions';
import { CaseTasksTable } from './case-tasks-table';
import { EscalationActionForm } from './escalation-action-form';
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
        <EscalationView
          detail={data}
          partners={model.partners}
          steps={model.steps}
          onChanged={detail.reload}
        />
      )}
    </AsyncView>
  );
}

interface ViewProps {
  detail: EscalationDetail;
  partners: { id: string; name: string }[];
  steps: { id: string; alternativePartners?: string[] }[];
  onChanged: () => void;
}

function EscalationView({ detail, partners, steps, onChanged }: ViewProps) {
  const { t, locale } = useI18n();
  const http = useHttp();
  const [done, setDone] = useState(false);
  const { escalation, case: view, tasks } = detail;
  const partnerName = (id: string) => partners.find((partner) => partner.id === id)?.name ?? id;
  const alternatives =
    steps.find((step) => step.id === escalation.stepId)?.alternativePartners ?? [];

  async function act(request: EscalationActionRequest) {
    await escalationsApi.act(http, escalation, request);
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
          <h3>{t('escalation.tasks')}</h3>
          <CaseTasksTable tasks={tasks} partnerName={partnerName} />
        </section>
        <div className="task-layout__side">
          {escalation.status === 'open' ? (
            <EscalationActionForm
              key={escalation.level}
              actions={availableActions(escalation, alternatives)}
              partners={alternatives.map((id) => ({ id, name: partnerName(id) }))}
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
