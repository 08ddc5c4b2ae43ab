import type { InboxQuery, InboxSort, InboxView } from '../../api/types';

export const INBOX_VIEWS: InboxView[] = ['open', 'mine', 'unassigned'];
export const INBOX_SORTS: InboxSort[] = ['due', '-due', 'opened', '-opened'];

function oneOf<T extends string>(value: string | null, allowed: T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** The inbox's view, filters and sort live in the address, so they survive a reload and can be shared. */
export function queryFromParams(params: URLSearchParams): InboxQuery {
  const dueBefore = params.get('dueBefore');
  return {
    view: oneOf(params.get('view'), INBOX_VIEWS, 'open'),
    sort: oneOf(params.get('sort'), INBOX_SORTS, 'due'),
    chainId: params.get('chainId') || undefined,
    stepId: params.get('stepId') || undefined,
    dueBefore: dueBefore ? new Date(`${dueBefore}T23:59:59`).toISOString() : undefined,
  };
}
