import { useEffect, useMemo, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { tasksApi } from '../../api/tasks-api';
import type { InboxItem, InboxView } from '../../api/types';
import { useHttp } from '../../auth/auth-context';
import { AsyncView } from '../../components/async-view';
import { ErrorMessage } from '../../components/error-message';
import { PageTitle } from '../../components/page-title';
import { Notice } from '../../components/states';
import { useAsync } from '../../components/use-async';
import { useInterval } from '../../components/use-interval';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/nl';
import { InboxFilters } from './inbox-filters';
import { queryFromParams } from './inbox-query';
import { InboxViews } from './inbox-views';
import { TaskTable } from './task-table';
import { useChainCatalogue } from './use-chain-catalogue';

/** New work shows up without a reload this often. */
const REFRESH_MS = 30_000;

/** The caseworker's inbox: tasks handed to their organisation. */
export function InboxPage() {
  const { t } = useI18n();
  const http = useHttp();
  const location = useLocation();
  const notice = (location.state as { notice?: MessageKey } | null)?.notice;
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromParams(params), [params]);
  const catalogue = useChainCatalogue(query.chainId);
  const page = useAsync(() => tasksApi.inbox(http, query), [http, query]);
  useInterval(page.reload, REFRESH_MS);
  const [more, setMore] = useState<{ items: InboxItem[]; cursor: string | null }>({
    items: [],
    cursor: null,
  });
  const [moreError, setMoreError] = useState<unknown>(null);

  useEffect(() => {
    setMore({ items: [], cursor: page.status === 'ready' ? page.data.nextCursor : null });
  }, [page]);

  function setView(view: InboxView) {
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('view', view);
      return next;
    });
  }

  async function loadMore() {
    if (!more.cursor) return;
    setMoreError(null);
    try {
      const next = await tasksApi.inbox(http, { ...query, cursor: more.cursor });
      setMore((current) => ({ items: [...current.items, ...next.items], cursor: next.nextCursor }));
    } catch (error) {
      setMoreError(error);
    }
  }

  return (
    <>
      <PageTitle title={t('inbox.title')} />
      {notice && <Notice>{t(notice)}</Notice>}
      <div className="toolbar">
        <InboxViews view={query.view} onChange={setView} />
      </div>
      <InboxFilters
        params={params}
        setParams={setParams}
        chains={catalogue.chains}
        steps={catalogue.steps}
      />
      <AsyncView result={page} isEmpty={(data) => data.items.length === 0} empty={t('inbox.empty')}>
        {(data) => (
          <>
            <TaskTable items={[...data.items, ...more.items]} chainNames={catalogue.names} />
            {more.cursor && (
              <button type="button" className="button button--secondary" onClick={loadMore}>
                {t('inbox.more')}
              </button>
            )}
            {moreError !== null && <ErrorMessage error={moreError} />}
          </>
        )}
      </AsyncView>
    </>
  );
}
