import { useMemo } from 'react';
import { modelsApi } from '../../api/models-api';
import type { ChainModels } from '../../api/types';
import { useHttp } from '../../auth/auth-context';
import { useAsync } from '../../components/use-async';

/** The chains (names for display and filters) and, for one chain, the steps of its current version. */
export function useChainCatalogue(chainId: string | undefined) {
  const http = useHttp();
  const chains = useAsync(() => modelsApi.chains(http), [http]);
  const list: ChainModels[] = chains.status === 'ready' ? chains.data : [];
  const current = list.find((chain) => chain.chainId === chainId)?.currentVersion ?? null;
  const model = useAsync(
    () => (chainId && current ? modelsApi.version(http, chainId, current) : Promise.resolve(null)),
    [http, chainId, current],
  );
  const names = useMemo(
    () => new Map(list.map((chain) => [chain.chainId, chain.chainName])),
    [list],
  );
  const steps = model.status === 'ready' && model.data ? model.data.steps : [];
  return { chains: list, names, steps };
}
