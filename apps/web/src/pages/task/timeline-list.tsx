import type { TimelineEntry } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { useModelNames } from '../../components/use-model-names';
import { useI18n } from '../../i18n/i18n-context';
import { timelineText } from './timeline-text';

/**
 * What happened to a case, newest first, as far as the reader may know: outcomes and categories
 * by their labels, organisations by their names.
 */
export function TimelineList({ entries, chainId }: { entries: TimelineEntry[]; chainId: string }) {
  const { t, locale } = useI18n();
  const names = useModelNames();
  return (
    <ol className="timeline" data-testid="timeline">
      {[...entries].reverse().map((entry, index) => {
        const organisation = entry.actorOrganisation ?? entry.partnerId;
        return (
          <li key={`${entry.occurredAt}-${index}`} className="timeline__entry">
            <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, locale)}</time>
            <p className="timeline__what">
              {timelineText(entry, t, locale, (id) => names.choice(chainId, entry.stepId, id))}
            </p>
            {organisation && (
              <p className="muted">
                {t('timeline.by', { actor: names.partner(chainId, organisation) })}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
