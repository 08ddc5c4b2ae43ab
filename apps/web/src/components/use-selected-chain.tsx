import { useSearchParams } from 'react-router';
import { modelsApi } from '../api/models-api';
import { useHttp } from '../auth/auth-context';
import { useAsync } from './use-async';

/** The published chains and the one chosen in the address (?chainId=), defaulting to the first. */
export function useSelectedChain() {
  const http = useHttp();
  const [params, setParams] = useSearchParams();
  const chains = useAsync(
    () =>
      modelsApi.chains(http).then((all) => all.filter((chain) => chain.currentVersion !== null)),
    [http],
  );
  const list = chains.status === 'ready' ? chains.data : [];
  const chainId = params.get('chainId') ?? list[0]?.chainId ?? '';
  const chain = list.find((candidate) => candidate.chainId === chainId);
  return {
    chains,
    chain,
    chainId,
    select: (next: string) => setParams({ chainId: next }),
  };
}
