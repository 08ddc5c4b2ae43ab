import { casesApi } from '../../api/cases-api';
import { modelsApi } from '../../api/models-api';
import { useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { ChainSelect } from '../../components/chain-select';
import { PageTitle } from '../../components/page-title';
import { useAsync } from '../../components/use-async';
import { useSelectedChain } from '../../components/use-selected-chain';
import { useI18n } from '../../i18n/i18n-context';
import { groupByPartner } from './group-by-partner';
import { PartnerColumn } from './partner-column';

/** Where every open case of a chain is now: one column per partner holding it. */
export function ChainOverviewPage() {
  const { t } = useI18n();
  const http = useHttp();
  const { chains, chain, chainId, select } = useSelectedChain();
  const overview = useAsync(async () => {
    if (!chain?.currentVersion) return null;
    const [model, open] = await Promise.all([
      modelsApi.version(http, chain.chainId, chain.currentVersion),
      casesApi.search(http, { chainId: chain.chainId, status: 'open' }),
    ]);
    return { model, open };
  }, [http, chain]);
  return (
    <>
      <PageTitle title={t('overview.title')} />
      <p className="lead">{t('overview.intro')}</p>
      <AsyncView result={chains} isEmpty={(data) => data.length === 0} empty={t('models.empty')}>
        {(list) => <ChainSelect chains={list} value={chainId} onChange={select} />}
      </AsyncView>
      <AsyncView
        result={overview}
        isEmpty={(data) => !data || data.open.items.length === 0}
        empty={t('overview.empty')}
      >
        {(data) =>
          data && (
            <>
              <p className="muted">{t('overview.cases', { count: data.open.total })}</p>
              <div className="board" data-testid="chain-board">
                {groupByPartner(data.model, data.open.items).map((column) => (
                  <PartnerColumn key={column.partnerId} name={column.name} cases={column.cases} />
                ))}
              </div>
            </>
          )
        }
      </AsyncView>
    </>
  );
}
