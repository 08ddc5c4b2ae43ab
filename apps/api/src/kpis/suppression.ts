/**
 * The one small-group rule (issue 12, docs/kpis.md#small-numbers): a figure is shown only when the
 * cases it is computed from — counted as distinct cases of the facts behind it — number at least
 * the minimum (KPI_MIN_GROUP_SIZE). Every KPI endpoint, the scorecard, the model view's figures
 * and `/metrics` apply it through the functions below.
 */
export function isSmallGroup(cases: number, minCases: number): boolean {
  return cases < minCases;
}

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
    const suppressed = isSmallGroup(row.cases, minCases);
    if (!suppressed) return { ...row, suppressed };
    const blanked: Record<string, unknown> = { ...row, suppressed, cases: null };
    for (const figure of figures) blanked[figure as string] = null;
    return blanked as Suppressed<T, F | 'cases'>;
  });
}

/** A count of cases shown only from `minCases` up; zero is shown, it identifies no one. */
export function suppressCount(count: number, minCases: number): number | null {
  return count > 0 && isSmallGroup(count, minCases) ? null : count;
}

/**
 * Within a group that is shown, blanks the figures computed from a smaller set of its cases (the
 * scorecard's lead times come from its completed cases only) when that set is a small group,
 * and names them in `suppressedFigures`, so each figure is suppressed exactly where the KPI
 * endpoint that reports it alone suppresses it.
 */
export function suppressFigures<T extends { suppressedFigures?: string[] }>(
  rows: readonly T[],
  minCases: number,
  cases: (row: T) => number | null,
  figures: readonly (keyof T & string)[],
): T[] {
  return rows.map((row) => {
    const counted = cases(row);
    if (counted === null || !isSmallGroup(counted, minCases)) return row;
    const blanked: Record<string, unknown> = {
      ...row,
      suppressedFigures: [...(row.suppressedFigures ?? []), ...figures],
    };
    for (const figure of figures) blanked[figure] = null;
    return blanked as T;
  });
}

/** `part / whole` to four decimals; null for an empty whole. */
export function share(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole === 0) return null;
  return Math.round((part / whole) * 10_000) / 10_000;
}
