import type { ReactNode } from 'react';
import { ApiError } from '../api/api-error';
import { useI18n } from '../i18n/i18n-context';
import { ErrorMessage } from './error-message';
import { EmptyState, Loading } from './states';
import type { Async } from './use-async';

interface Props<T> {
  result: Async<T> & { reload: () => void };
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/** Loading, error, empty or the content. A 404 on a whole endpoint means "not in this version yet". */
export function AsyncView<T>({ result, isEmpty, empty, children }: Props<T>) {
  const { t } = useI18n();
  if (result.status === 'loading') return <Loading />;
  if (result.status === 'error') {
    if (empty && result.error instanceof ApiError && result.error.kind === 'notFound') {
      return <EmptyState>{t('state.notYetAvailable')}</EmptyState>;
    }
    return <ErrorMessage error={result.error} onRetry={result.reload} />;
  }
  if (isEmpty?.(result.data)) return <EmptyState>{empty}</EmptyState>;
  return <>{children(result.data)}</>;
}
