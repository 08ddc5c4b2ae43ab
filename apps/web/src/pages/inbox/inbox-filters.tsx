import type { SetURLSearchParams } from 'react-router';
import type { ChainModels } from '../../api/types';
import { useI18n } from '../../i18n/i18n-context';
import { INBOX_SORTS } from './inbox-query';

interface Props {
  params: URLSearchParams;
  setParams: SetURLSearchParams;
  chains: ChainModels[];
  steps: { id: string; name: string }[];
}

/** Chain, step, due date and sort order of the inbox. */
export function InboxFilters({ params, setParams, chains, steps }: Props) {
  const { t } = useI18n();
  function set(name: string, value: string) {
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      if (name === 'chainId') next.delete('stepId');
      return next;
    });
  }
  return (
    <fieldset className="filters">
      <legend className="visually-hidden">{t('inbox.filters')}</legend>
      <div className="field">
        <label htmlFor="filter-chain">{t('inbox.chain')}</label>
        <select
          id="filter-chain"
          value={params.get('chainId') ?? ''}
          onChange={(event) => set('chainId', event.target.value)}
        >
          <option value="">{t('inbox.allChains')}</option>
          {chains.map((chain) => (
            <option key={chain.chainId} value={chain.chainId}>
              {chain.chainName}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-step">{t('inbox.step')}</label>
        <select
          id="filter-step"
          value={params.get('stepId') ?? ''}
          disabled={steps.length === 0}
          onChange={(event) => set('stepId', event.target.value)}
        >
          <option value="">{t('inbox.allSteps')}</option>
          {steps.map((step) => (
            <option key={step.id} value={step.id}>
              {step.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-due">{t('inbox.dueBefore')}</label>
        <input
          id="filter-due"
          type="date"
          value={params.get('dueBefore') ?? ''}
          onChange={(event) => set('dueBefore', event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-sort">{t('inbox.sort')}</label>
        <select
          id="filter-sort"
          value={params.get('sort') ?? 'due'}
          onChange={(event) => set('sort', event.target.value)}
        >
          {INBOX_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`inbox.sort.${sort}`)}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
