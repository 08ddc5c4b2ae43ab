import type { Group, StepLeadTime, WithinNormRow, WorkInProgressRow } from '../../api/kpis-api';

/** A figure the small-group rule held back (every partner row of the step was too small). */
export const SUPPRESSED = 'suppressed';
export type StepFigure = number | null | typeof SUPPRESSED;

/** What the wall shows per step; null where there are no figures, SUPPRESSED where they are held back. */
export interface StepFigures {
  medianLeadTimeMs: StepFigure;
  withinNormPct: StepFigure;
  workInProgress: StepFigure;
  openEscalations: StepFigure;
  /** The minimum group size the KPI endpoints applied (for the tooltip), null when unknown. */
  minGroupSize: number | null;
}

export interface StepSources {
  leadTimes?: StepLeadTime[];
  withinNorm?: WithinNormRow[];
  workInProgress?: WorkInProgressRow[];
}

function sum(values: (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length ? known.reduce((total, value) => total + value, 0) : null;
}

/**
 * One step's figure out of its partner rows: computed from the rows that are shown; SUPPRESSED
 * when the step has rows but every one was suppressed; `empty` without rows.
 */
function fromRows<T extends Group>(
  rows: T[],
  compute: (shown: T[]) => number | null,
  empty: number | null = null,
): StepFigure {
  if (rows.length === 0) return empty;
  const shown = rows.filter((row) => !row.suppressed);
  return shown.length ? compute(shown) : SUPPRESSED;
}

/**
 * Figures per step out of the KPI endpoints — the same small-group rule as the endpoints, the
 * open escalations included (from the work-in-progress rows, not the unsuppressed queue). A step
 * held by several partners has a row per partner: counts add up, the share within norm is
 * recomputed, and the median lead time is taken from the partner that did most of the step's tasks.
 */
export function stepFigures(stepIds: string[], sources: StepSources): Map<string, StepFigures> {
  const figures = new Map<string, StepFigures>();
  const minGroupSize =
    [
      ...(sources.leadTimes ?? []),
      ...(sources.withinNorm ?? []),
      ...(sources.workInProgress ?? []),
    ][0]?.minGroupSize ?? null;
  for (const stepId of stepIds) {
    const ofStep = <T extends Group & { stepId: string }>(rows: T[] | undefined) =>
      (rows ?? []).filter((row) => row.stepId === stepId);
    const wip = ofStep(sources.workInProgress);
    const wipFigure = (value: (row: WorkInProgressRow) => number | null) =>
      sources.workInProgress ? fromRows(wip, (shown) => sum(shown.map(value)), 0) : null;
    figures.set(stepId, {
      medianLeadTimeMs: fromRows(
        ofStep(sources.leadTimes),
        (shown) =>
          [...shown].sort((a, b) => (b.tasks ?? 0) - (a.tasks ?? 0))[0]?.workingMedianMs ?? null,
      ),
      withinNormPct: fromRows(ofStep(sources.withinNorm), (shown) => {
        const measured = sum(shown.map((row) => row.measured));
        const within = sum(shown.map((row) => row.within));
        return measured && within !== null ? (within / measured) * 100 : null;
      }),
      // No row: nothing open.
      workInProgress: wipFigure((row) => row.open),
      openEscalations: wipFigure((row) => row.openEscalations),
      minGroupSize,
    });
  }
  return figures;
}
