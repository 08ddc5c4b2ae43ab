import { useI18n } from '../i18n/i18n-context';
import { dueState } from './due-state';

/** How urgent a task is: overdue, due today, due in n days. Colour is never the only signal. */
export function DueBadge({ dueAt, now = new Date() }: { dueAt: string | null; now?: Date }) {
  const { t, locale } = useI18n();
  const due = dueState(dueAt, now);
  const label =
    due.kind === 'none'
      ? t('due.none')
      : due.kind === 'overdue'
        ? t('due.overdue')
        : due.kind === 'today'
          ? t('due.today')
          : t('due.inDays', { days: due.days });
  const title = dueAt ? new Date(dueAt).toLocaleString(locale) : undefined;
  return (
    <span className={`badge badge--${due.kind}`} title={title}>
      {label}
    </span>
  );
}
