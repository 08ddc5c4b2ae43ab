import { useState } from 'react';
import { EVENT_LOG_EXPORTS, kpisApi, type EventLogExport } from '../../api/kpis-api';
import { useHttp } from '../../auth/auth-context';
import { saveAsFile } from '../../components/download';
import { ErrorMessage } from '../../components/error-message';
import { Notice } from '../../components/states';
import { useI18n } from '../../i18n/i18n-context';

const TYPES: Record<EventLogExport, string> = {
  'event-log.xes': 'application/xml',
  'event-log.ocel.json': 'application/json',
};

/** The chain's event log for process mining and analysis elsewhere. */
export function ExportButtons({ chainId }: { chainId: string }) {
  const { t } = useI18n();
  const http = useHttp();
  const [state, setState] = useState<{ done: boolean; error: unknown }>({
    done: false,
    error: null,
  });

  async function download(kind: EventLogExport) {
    setState({ done: false, error: null });
    try {
      const content = await kpisApi.eventLog(http, kind, chainId);
      saveAsFile(`${chainId}-${kind}`, content, TYPES[kind]);
      setState({ done: true, error: null });
    } catch (error) {
      setState({ done: false, error });
    }
  }

  return (
    <section className="panel" aria-labelledby="exports-title">
      <h2 id="exports-title">{t('ops.exports')}</h2>
      <div className="actions">
        {EVENT_LOG_EXPORTS.map((kind) => (
          <button
            key={kind}
            type="button"
            className="button button--secondary"
            onClick={() => download(kind)}
          >
            {t(`ops.export.${kind}`)}
          </button>
        ))}
      </div>
      {state.done && <Notice>{t('ops.exported')}</Notice>}
      {state.error !== null && <ErrorMessage error={state.error} />}
    </section>
  );
}
