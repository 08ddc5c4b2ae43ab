import { describe, expect, it } from 'vitest';
import type { StepLeadTime, WithinNormRow, WorkInProgressRow } from '../../api/kpis-api';
import { stepFigures } from './step-figures';

const MIN = 5;

const lead = (
  stepId: string,
  partnerId: string,
  tasks: number,
  workingMedianMs: number | null,
): StepLeadTime => ({
  stepId,
  partnerId,
  suppressed: false,
  minGroupSize: MIN,
  tasks,
  workingMedianMs,
  workingP90Ms: null,
  waitingMedianMs: null,
});
const norm = (
  stepId: string,
  measured: number,
  within: number,
  suppressed = false,
): WithinNormRow => ({
  stepId,
  partnerId: 'p',
  suppressed,
  minGroupSize: MIN,
  measured,
  within,
  share: within / measured,
});
const wip = (stepId: string, open: number | null, openEscalations = 0): WorkInProgressRow => ({
  stepId,
  partnerId: 'p',
  suppressed: open === null,
  minGroupSize: MIN,
  open,
  unclaimed: 0,
  overNorm: 0,
  ageMedianMs: 0,
  agedOver7Days: 0,
  agedOver28Days: 0,
  openEscalations: open === null ? null : openEscalations,
});

describe('figures per step on the model', () => {
  it('combines partners of a step and shows a step whose groups are all too small as suppressed', () => {
    const figures = stepFigures(['intake', 'triage'], {
      leadTimes: [lead('intake', 'a', 3, 3_600_000), lead('intake', 'b', 9, 7_200_000)],
      withinNorm: [norm('intake', 10, 9), norm('intake', 10, 5), norm('triage', 4, 0, true)],
      workInProgress: [wip('intake', 2, 1), wip('intake', 3), wip('triage', null)],
    });
    expect(figures.get('intake')).toEqual({
      medianLeadTimeMs: 7_200_000,
      withinNormPct: 70,
      workInProgress: 5,
      openEscalations: 1,
      minGroupSize: MIN,
    });
    // The open escalations follow the same rule as the other figures: never an unsuppressed count.
    expect(figures.get('triage')).toEqual({
      medianLeadTimeMs: null,
      withinNormPct: 'suppressed',
      workInProgress: 'suppressed',
      openEscalations: 'suppressed',
      minGroupSize: MIN,
    });
    expect(stepFigures(['other'], { workInProgress: [] }).get('other')?.workInProgress).toBe(0);
  });

  it('says "no figures" for sources it could not read', () => {
    expect(stepFigures(['intake'], {}).get('intake')).toEqual({
      medianLeadTimeMs: null,
      withinNormPct: null,
      workInProgress: null,
      openEscalations: null,
      minGroupSize: null,
    });
  });
});
