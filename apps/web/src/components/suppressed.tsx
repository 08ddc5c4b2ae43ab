import { useI18n } from '../i18n/i18n-context';

/** A figure held back by the small-group rule: said so, with the minimum in a tooltip. */
export function Suppressed({ minGroupSize }: { minGroupSize: number | null }) {
  const { t } = useI18n();
  return (
    <abbr
      className="suppressed"
      title={t('kpi.suppressedTip', { min: minGroupSize ?? '?' })}
      data-testid="suppressed"
    >
      {t('kpi.suppressed')}
    </abbr>
  );
}
