import { useI18n } from '../../i18n/i18n-context';
import type { NormTone } from './norm-tone';

const TONES: {
  tone: NormTone;
  label:
    | 'model.legend.withinNorm'
    | 'model.legend.nearNorm'
    | 'model.legend.outsideNorm'
    | 'model.legend.noData';
}[] = [
  { tone: 'within', label: 'model.legend.withinNorm' },
  { tone: 'near', label: 'model.legend.nearNorm' },
  { tone: 'outside', label: 'model.legend.outsideNorm' },
  { tone: 'none', label: 'model.legend.noData' },
];

export function ModelLegend() {
  const { t } = useI18n();
  return (
    <figure className="legend">
      <figcaption>{t('model.legend')}</figcaption>
      <ul>
        {TONES.map(({ tone, label }) => (
          <li key={tone}>
            <span className={`legend__swatch step-node--${tone}`} aria-hidden="true" />
            {t(label)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
