import type { TimelineEntry } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { useI18n } from '../../i18n/i18n-context';
import { timelineText } from './timeline-text';

/** What happened to a case, newest first, as far as the reader may know. */
export function TimelineList({ entries }: { entries: TimelineEntry[] }) {
  const { t, locale } = useI18n();
  return (
    <ol className="timeline" data-testid="timeline">
      {[...entries].reverse().map((entry, index) => (
        <li key={`${entry.occurredAt}-${index}`} className="timeline__entry">
          <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, locale)}</time>
          <p className="timeline__what">{timelineText(entry, t, locale)}</p>
          {(entry.actorOrganisation ?? entry.partnerId) && (
            <p className="muted">
              {t('timeline.by', { actor: entry.actorOrganisation ?? entry.partnerId ?? '' })}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
