export function formatDate(value: string | null | undefined, locale: string): string {
  return value ? new Date(value).toLocaleDateString(locale, { dateStyle: 'medium' }) : '—';
}

export function formatDateTime(value: string | null | undefined, locale: string): string {
  return value
    ? new Date(value).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })
    : '—';
}
