import type {
  EscalationRow,
  Group,
  StepLeadTime,
  WithinNormRow,
  WorkInProgressRow,
} from '../../api/kpis-api';

/**
 * Turns KPI rows into what each dashboard chart plots. Suppressed groups cannot be plotted; the
 * chart names them as suppressed instead (`suppressedGroups`), so they are never just missing.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

type Named = (id: string) => string;

function shown<T extends { suppressed: boolean }>(rows: T[]): T[] {
  return rows.filter((row) => !row.suppressed);
}

/** The groups a chart leaves out or shows partly because the small-group rule suppressed them. */
export interface SuppressedGroups {
  names: string[];
  minGroupSize: number | null;
}

export function suppressedGroups<T extends Group>(
  rows: T[],
  name: (row: T) => string,
): SuppressedGroups {
  const suppressed = rows.filter((row) => row.suppressed);
  return {
    names: [...new Set(suppressed.map(name))],
    minGroupSize: rows[0]?.minGroupSize ?? null,
  };
}

function groupSum<T>(
  rows: T[],
  key: (row: T) => string,
  values: (row: T) => number[],
): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const row of rows) {
    const current = groups.get(key(row)) ?? [];
    groups.set(
      key(row),
      values(row).map((value, index) => (current[index] ?? 0) + value),
    );
  }
  return groups;
}

/** Open tasks per step by age: under 7 days, 7–28 days, over 28 days. */
export function ageingPerStep(rows: WorkInProgressRow[], stepName: Named) {
  const groups = groupSum(
    shown(rows),
    (row) => row.stepId,
    (row) => [row.open ?? 0, row.agedOver7Days ?? 0, row.agedOver28Days ?? 0],
  );
  return [...groups].map(([stepId, [open, over7, over28]]) => ({
    step: stepName(stepId),
    under7: open - over7,
    from7to28: over7 - over28,
    over28,
  }));
}

/**
 * Median and p90 of the working lead time per step (the busiest partner's figures), in days, or in
 * hours when every figure is under a day (a bar of 0.1 day would show nothing).
 */
export function leadTimePerStep(rows: StepLeadTime[], stepName: Named) {
  const busiest = new Map<string, StepLeadTime>();
  for (const row of shown(rows)) {
    const current = busiest.get(row.stepId);
    if (!current || (row.tasks ?? 0) > (current.tasks ?? 0)) busiest.set(row.stepId, row);
  }
  const figures = [...busiest.values()].flatMap((row) => [row.workingMedianMs, row.workingP90Ms]);
  const unit = figures.every((ms) => ms === null || ms < DAY_MS) ? 'hours' : 'days';
  const size = unit === 'hours' ? HOUR_MS : DAY_MS;
  const inUnit = (ms: number | null) => (ms === null ? null : Math.round((ms / size) * 10) / 10);
  return [...busiest.values()].map((row) => ({
    step: stepName(row.stepId),
    median: inUnit(row.workingMedianMs),
    p90: inUnit(row.workingP90Ms),
    unit,
  }));
}

/** Share of measured tasks done within norm, per partner. */
export function withinNormPerPartner(rows: WithinNormRow[], partnerName: Named) {
  const groups = groupSum(
    shown(rows),
    (row) => row.partnerId,
    (row) => [row.within ?? 0, row.measured ?? 0],
  );
  return [...groups]
    .filter(([, [, measured]]) => measured > 0)
    .map(([partnerId, [within, measured]]) => ({
      partner: partnerName(partnerId),
      pct: Math.round((within / measured) * 100),
    }));
}

/** Escalations raised per trigger, summed over levels, most frequent first. */
export function escalationsPerCause(rows: EscalationRow[], causeName: Named) {
  const groups = groupSum(
    shown(rows),
    (row) => row.trigger,
    (row) => [row.raised ?? 0],
  );
  return [...groups]
    .map(([trigger, [raised]]) => ({ cause: causeName(trigger), count: raised }))
    .sort((a, b) => b.count - a.count);
}
