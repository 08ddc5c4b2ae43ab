import { useMemo } from 'react';
import { kpisApi } from '../../api/kpis-api';
import type { UserRole } from '../../api/types';
import { useCurrentUser, useHttp } from '../../auth/auth-context';
import { useAsync } from '../../components/use-async';
import { useInterval } from '../../components/use-interval';
import { stepFigures, type StepSources } from './step-figures';

/** Live figures refresh this often on a wall screen. */
const REFRESH_MS = 60_000;

/** Who may read the KPIs (the API answers 403 to everyone else). */
const FIGURE_ROLES: UserRole[] = ['regisseur', 'operations'];

/** A source the reader may not see (or that fails) just leaves its figures out. */
function optional<T>(load: Promise<T>): Promise<T | undefined> {
  return load.catch(() => undefined);
}

/** Live figures per step of one model version; `available` is false when none could be read. */
export function useStepFigures(chainId: string, modelVersion: number, stepIds: string[]) {
  const http = useHttp();
  const allowed = FIGURE_ROLES.includes(useCurrentUser().role);
  const sources = useAsync(async (): Promise<StepSources> => {
    if (!allowed) return {};
    const query = { chainId, modelVersion };
    const [leadTimes, withinNorm, workInProgress] = await Promise.all([
      optional(kpisApi.leadTimes(http, query)),
      optional(kpisApi.withinNorm(http, query)),
      optional(kpisApi.workInProgress(http, query)),
    ]);
    return { leadTimes, withinNorm, workInProgress };
  }, [http, chainId, modelVersion, allowed]);
  useInterval(sources.reload, REFRESH_MS);
  const key = stepIds.join(',');
  return useMemo(() => {
    const data = sources.status === 'ready' ? sources.data : {};
    return {
      allowed,
      loading: sources.status === 'loading',
      available: Object.values(data).some((source) => source !== undefined),
      figures: stepFigures(key ? key.split(',') : [], data),
    };
  }, [sources, key, allowed]);
}
