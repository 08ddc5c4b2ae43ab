import { casesApi } from '../../api/cases-api';
import { useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';
import { TimelineList } from './timeline-list';

/** The case timeline on the task page; `version` changes when something was added to it. */
export function CaseTimeline({
  caseId,
  chainId,
  version,
}: {
  caseId: string;
  chainId: string;
  version: number;
}) {
  const { t } = useI18n();
  const http = useHttp();
  const timeline = useAsync(() => casesApi.timeline(http, caseId), [http, caseId, version]);
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      <AsyncView
        result={timeline}
        isEmpty={(entries) => entries.length === 0}
        empty={t('timeline.empty')}
      >
        {(entries) => <TimelineList entries={entries} chainId={chainId} />}
      </AsyncView>
    </section>
  );
}
