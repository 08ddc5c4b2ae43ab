import { useState } from 'react';
import { modelsApi } from '../../api/models-api';
import { useHttp } from '../../auth/auth-context';
import { saveAsFile } from '../../components/download';
import { ErrorMessage } from '../../components/error-message';
import { useI18n } from '../../i18n/i18n-context';

/** The model version as BPMN 2.0, for modelling tools. */
export function BpmnDownload({ chainId, version }: { chainId: string; version: number }) {
  const { t } = useI18n();
  const http = useHttp();
  const [error, setError] = useState<unknown>(null);
  async function download() {
    setError(null);
    try {
      const xml = await modelsApi.bpmn(http, chainId, version);
      saveAsFile(`${chainId}-v${version}.bpmn`, xml, 'application/xml');
    } catch (caught) {
      setError(caught);
    }
  }
  return (
    <>
      <button type="button" className="button button--ghost" onClick={download}>
        {t('model.download.bpmn')}
      </button>
      {error !== null && <ErrorMessage error={error} />}
    </>
  );
}
