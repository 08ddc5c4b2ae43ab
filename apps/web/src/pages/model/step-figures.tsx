import type { Escalation } from '../../api/escalations-api';
import type { StepLeadTime, WithinNormRow, WorkInProgressRow } from '../../api/kpis-api';

/** What the wall shows per step; null where there are no figures (or they are suppressed). */
export interface StepFigures {
  medianLeadTimeMs: number | null;
  withinNormPct: number | null;
  workInProgress: number | null;
  openEscalations: number | null;
}

export interface StepSources {
  leadTimes?: StepLeadTime[];
  withinNorm?: WithinNormRow[];
  workInProgress?: WorkInProgressRow[];
  escalations?: Escalation[];
}

function sum(values: (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length ? known.reduce((total, value) => total + value, 0) : null;
}

/**
 * Figures per step out of the KPI endpoints. A step held by several partners has a row per
 * partner: counts add up, the share within norm is recomputed, and the median lead time is
 * taken from the partner that did most of the step's tasks.
 */
export function stepFigures(stepIds: string[], sources: StepSources): Map<string, StepFigures> {
  const figures = new Map<string, StepFigures>();
  for (const stepId of stepIds) {
    const lead = (sources.leadTimes ?? []).filter(
      (row) => row.stepId === stepId && !row.suppressed,
    );
    const norm = (sources.withinNorm ?? []).filter(
      (row) => row.stepId === stepId && !row.suppressed,
    );
    const wipRows = (sources.workInProgress ?? []).filter((row) => row.stepId === stepId);
    const wip = wipRows.filter((row) => !row.suppressed);
    const busiest = [...lead].sort((a, b) => (b.tasks ?? 0) - (a.tasks ?? 0))[0];
    const measured = sum(norm.map((row) => row.measured));
    const within = sum(norm.map((row) => row.within));
    figures.set(stepId, {
      medianLeadTimeMs: busiest?.workingMedianMs ?? null,
      withinNormPct: measured && within !== null ? (within / measured) * 100 : null,
      // No row: nothing open. Only suppressed rows: too few cases to say.
      workInProgress: !sources.workInProgress
        ? null
        : wipRows.length
          ? sum(wip.map((row) => row.open))
          : 0,
      openEscalations: sources.escalations
        ? sources.escalations.filter(
            (escalation) => escalation.stepId === stepId && escalation.status === 'open',
          ).length
        : null,
    });
  }
  return figures;
}
