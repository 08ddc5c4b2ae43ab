import type { CaseSummary } from '../../api/types';
import { formatDate } from '../../components/format';
import { useI18n } from '../../i18n/i18n-context';

/** One partner's open cases in the chain overview. */
export function PartnerColumn({ name, cases }: { name: string; cases: CaseSummary[] }) {
  const { t, locale } = useI18n();
  const title = name || t('overview.notHeld');
  return (
    <section className="board__column" aria-label={title}>
      <h2>
        {title} <span className="count">{cases.length}</span>
      </h2>
      <ul>
        {cases.map((item) => (
          <li key={item.id} className="board__card">
            {t('overview.caseOpened', {
              number: item.number,
              date: formatDate(item.openedAt, locale),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
