import { Link } from 'react-router';
import { escalationsApi } from '../../api/escalations-api';
import { useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { PageTitle } from '../../components/page-title';
import { useModelNames } from '../../components/use-model-names';
import { useAsync } from '../../components/use-async';
import { useInterval } from '../../components/use-interval';
import { useI18n } from '../../i18n/i18n-context';
import { paths } from '../../routes';
import { escalationAge } from './escalation-age';
import { causeText, levelKey } from './escalation-labels';

const REFRESH_MS = 30_000;

/** The regisseur's queue of stalled handovers and breaches, highest level first. */
export function EscalationQueuePage() {
  const { t, locale } = useI18n();
  const http = useHttp();
  const names = useModelNames();
  const queue = useAsync(() => escalationsApi.queue(http, {}), [http]);
  useInterval(queue.reload, REFRESH_MS);
  return (
    <>
      <PageTitle title={t('escalations.title')} />
      <AsyncView
        result={queue}
        isEmpty={(data) => data.items.length === 0}
        empty={t('escalations.empty')}
      >
        {(data) => (
          <div className="table-wrap">
            <table className="table" data-testid="escalation-table">
              <thead>
                <tr>
                  <th scope="col">{t('escalations.col.cause')}</th>
                  <th scope="col">{t('escalations.col.level')}</th>
                  <th scope="col">{t('escalations.col.age')}</th>
                  <th scope="col">{t('escalations.col.chain')}</th>
                  <th scope="col">{t('escalations.col.partner')}</th>
                  <th scope="col">{t('escalations.col.step')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((escalation) => (
                  <tr key={escalation.id}>
                    <th scope="row">
                      <Link to={paths.escalation(escalation.id)}>
                        {causeText(escalation.trigger, t)}
                      </Link>
                    </th>
                    <td>
                      <span className={`level level--${escalation.level}`}>
                        {t(levelKey(escalation.level))}
                      </span>
                    </td>
                    <td>{escalationAge(escalation.ageSeconds, locale)}</td>
                    <td>{names.chain(escalation.chainId)}</td>
                    <td>{names.partner(escalation.chainId, escalation.partnerId)}</td>
                    <td>{names.step(escalation.chainId, escalation.stepId)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AsyncView>
    </>
  );
}
