import { useRef } from 'react';
import { useParams } from 'react-router';
import { modelsApi } from '../../api/models-api';
import type { ReferenceModel } from '../../api/types';
import { useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { PageTitle } from '../../components/page-title';
import { Notice } from '../../components/states';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';
import { BpmnDownload } from './bpmn-download';
import { ModelGraph } from './model-graph';
import { ModelLegend } from './model-legend';
import { StepTable } from './step-table';
import { useStepFigures } from './use-step-figures';

/** The reference model, drawn, with live figures per step. */
export function ModelViewPage() {
  const http = useHttp();
  const { chainId = '', version = '1' } = useParams();
  const model = useAsync(
    () => modelsApi.version(http, chainId, Number(version)),
    [http, chainId, version],
  );
  return (
    <AsyncView result={model}>
      {(data) => <ModelView model={data} version={Number(version)} />}
    </AsyncView>
  );
}

function ModelView({ model, version }: { model: ReferenceModel; version: number }) {
  const { t } = useI18n();
  const figure = useRef<HTMLDivElement>(null);
  const live = useStepFigures(
    model.chain.id,
    version,
    model.steps.map((step) => step.id),
  );
  return (
    <div className="model-view" ref={figure}>
      <PageTitle title={model.chain.name}>
        <span className="muted">{t('models.version', { version })}</span>
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            document.fullscreenElement
              ? void document.exitFullscreen()
              : void figure.current?.requestFullscreen()
          }
        >
          {t('model.fullscreen')}
        </button>
        <BpmnDownload chainId={model.chain.id} version={version} />
      </PageTitle>
      <p className="lead">{model.chain.purpose}</p>
      {!live.allowed && <Notice tone="info">{t('model.liveForRoles')}</Notice>}
      {live.allowed && !live.loading && !live.available && (
        <Notice tone="info">{t('model.liveUnavailable')}</Notice>
      )}
      <ModelLegend />
      <ModelGraph model={model} figures={live.figures} />
      <StepTable model={model} figures={live.figures} />
    </div>
  );
}
