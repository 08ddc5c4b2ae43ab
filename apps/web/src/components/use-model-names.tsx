import { useMemo } from 'react';
import { modelsApi } from '../api/models-api';
import type { ReferenceModel } from '../api/types';
import { useHttp } from '../auth/auth-context';
import { useAsync } from './use-async';

export interface ModelNames {
  chain: (chainId: string) => string;
  step: (chainId: string, stepId: string | null | undefined) => string;
  partner: (chainId: string, partnerId: string | null | undefined) => string;
  /** The label of a step's outcome or return-reason category (the id until loaded). */
  choice: (chainId: string, stepId: string | null | undefined, id: string) => string;
}

/** Display names of chains, steps and partners from the current published models (ids until loaded). */
export function useModelNames(): ModelNames {
  const http = useHttp();
  const models = useAsync(async () => {
    const chains = (await modelsApi.chains(http)).filter((chain) => chain.currentVersion !== null);
    return Promise.all(
      chains.map((chain) => modelsApi.version(http, chain.chainId, chain.currentVersion as number)),
    );
  }, [http]);
  return useMemo(() => {
    const loaded: ReferenceModel[] = models.status === 'ready' ? models.data : [];
    const chains = new Map(loaded.map((model) => [model.chain.id, model.chain.name]));
    const steps = new Map(
      loaded.flatMap((model) =>
        model.steps.map((step) => [`${model.chain.id}/${step.id}`, step.name] as const),
      ),
    );
    const partners = new Map(
      loaded.flatMap((model) =>
        model.partners.map((partner) => [`${model.chain.id}/${partner.id}`, partner.name] as const),
      ),
    );
    const choices = new Map(
      loaded.flatMap((model) =>
        model.steps.flatMap((step) =>
          [...step.outcomes, ...(step.returnReasons ?? [])].map(
            (choice) => [`${model.chain.id}/${step.id}/${choice.id}`, choice.label] as const,
          ),
        ),
      ),
    );
    return {
      chain: (chainId) => chains.get(chainId) ?? chainId,
      choice: (chainId, stepId, id) => choices.get(`${chainId}/${stepId}/${id}`) ?? id,
      step: (chainId, stepId) => (stepId ? (steps.get(`${chainId}/${stepId}`) ?? stepId) : '—'),
      partner: (chainId, partnerId) =>
        partnerId ? (partners.get(`${chainId}/${partnerId}`) ?? partnerId) : '—',
    };
  }, [models]);
}
