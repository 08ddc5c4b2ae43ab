const HOUR_MS = 3_600_000;

/** A duration as days (from one day up) or hours; "—" without a figure. */
export function formatDuration(ms: number | null | undefined, locale: string): string {
  if (ms === null || ms === undefined) return '—';
  const hours = ms / HOUR_MS;
  return hours >= 24
    ? `${(hours / 24).toLocaleString(locale, { maximumFractionDigits: 1 })} d`
    : `${Math.max(0, Math.round(hours))} u`;
}

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value)}%`;
}
