import type { ChainModels } from '../api/types';
import { useI18n } from '../i18n/i18n-context';

/** Picks one chain (dashboards and overviews are per chain). */
export function ChainSelect({
  chains,
  value,
  onChange,
}: {
  chains: ChainModels[];
  value: string;
  onChange: (chainId: string) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="field field--inline">
      <label htmlFor="chain-select">{t('ops.chain')}</label>
      <select id="chain-select" value={value} onChange={(event) => onChange(event.target.value)}>
        {chains.map((chain) => (
          <option key={chain.chainId} value={chain.chainId}>
            {chain.chainName}
          </option>
        ))}
      </select>
    </div>
  );
}
