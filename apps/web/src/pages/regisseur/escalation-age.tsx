/** How long an escalation has been open, in the largest whole unit. */
export function escalationAge(ageSeconds: number, locale: string): string {
  const format = (value: number, unit: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(locale, {
      style: 'unit',
      unit,
      unitDisplay: 'long',
      maximumFractionDigits: 0,
    }).format(value);
  if (ageSeconds >= 86_400) return format(Math.floor(ageSeconds / 86_400), 'day');
  if (ageSeconds >= 3_600) return format(Math.floor(ageSeconds / 3_600), 'hour');
  return format(Math.max(1, Math.floor(ageSeconds / 60)), 'minute');
}
