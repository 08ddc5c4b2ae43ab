/** A group's figures, or nulls when the group is too small to show (privacy: small numbers identify people). */
export type Suppressed<T, F extends keyof T> = Omit<T, F> & { [K in F]: T[K] | null } & {
  suppressed: boolean;
};

/**
 * Blanks the figures (the case count included) of every group with fewer than `minCases`
 * cases; the group's keys stay, so a reader sees that something was left out.
 */
export function suppressSmallGroups<T extends { cases: number }, F extends keyof T>(
  rows: readonly T[],
  minCases: number,
  figures: readonly F[],
): Suppressed<T, F | 'cases'>[] {
  return rows.map((row) => {
    const suppressed = row.cases < minCases;
    if (!suppressed) return { ...row, suppressed };
    const blanked: Record<string, unknown> = { ...row, suppressed, cases: null };
    for (const figure of figures) blanked[figure as string] = null;
    return blanked as Suppressed<T, F | 'cases'>;
  });
}

/** A count of cases shown only from `minCases` up; zero is shown, it identifies no one. */
export function suppressCount(count: number, minCases: number): number | null {
  return count > 0 && count < minCases ? null : count;
}

/** `part / whole` to four decimals; null for an empty whole. */
export function share(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole === 0) return null;
  return Math.round((part / whole) * 10_000) / 10_000;
}
