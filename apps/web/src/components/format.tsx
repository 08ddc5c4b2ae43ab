export function formatDate(value: string | null | undefined, locale: string): string {
  return value ? new Date(value).toLocaleDateString(locale, { dateStyle: 'medium' }) : '—';
}

export function formatDateTime(value: string | null | undefined, locale: string): string {
  return value
    ? new Date(value).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })
    : '—';
}

/** A day chosen in a date field as a due date: the end of that working day, 17:00 local time. */
export function endOfWorkday(date: string): string {
  return new Date(`${date}T17:00:00`).toISOString();
}
