import type { InboxView } from '../../api/types';
import { useI18n } from '../../i18n/i18n-context';
import { INBOX_VIEWS } from './inbox-query';

/** Open / mine / unassigned, as a group of toggle buttons. */
export function InboxViews({
  view,
  onChange,
}: {
  view: InboxView;
  onChange: (view: InboxView) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="segmented" role="group" aria-label={t('inbox.view')}>
      {INBOX_VIEWS.map((candidate) => (
        <button
          key={candidate}
          type="button"
          className="segmented__item"
          aria-pressed={candidate === view}
          onClick={() => onChange(candidate)}
        >
          {t(`inbox.view.${candidate}`)}
        </button>
      ))}
    </div>
  );
}
