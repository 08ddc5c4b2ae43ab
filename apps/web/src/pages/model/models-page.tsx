import { Link } from 'react-router';
import { modelsApi } from '../../api/models-api';
import { useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useI18n } from '../../i18n/i18n-context';
import { paths } from '../../routes';

/** Every chain with its published versions. */
export function ModelsPage() {
  const { t } = useI18n();
  const http = useHttp();
  const chains = useAsync(() => modelsApi.chains(http), [http]);
  return (
    <>
      <PageTitle title={t('models.title')} />
      <p className="lead">{t('models.intro')}</p>
      <AsyncView result={chains} isEmpty={(data) => data.length === 0} empty={t('models.empty')}>
        {(data) => (
          <ul className="card-list">
            {data.map((chain) => {
              const current = chain.versions.find(
                (version) => version.version === chain.currentVersion,
              );
              return (
                <li key={chain.chainId} className="card">
                  <h2>{chain.chainName}</h2>
                  <p className="muted">
                    {chain.currentVersion
                      ? t('models.version', { version: chain.currentVersion })
                      : t('models.noVersion')}
                    {current && ` · ${t('models.partners', { count: current.partnerIds.length })}`}
                  </p>
                  {chain.currentVersion && (
                    <Link
                      className="button button--secondary"
                      to={paths.model(chain.chainId, chain.currentVersion)}
                      aria-label={t('models.view', { name: chain.chainName })}
                    >
                      {t('models.open')}
                    </Link>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </AsyncView>
    </>
  );
}
