import { describe, expect, it } from 'vitest';
import type {
  EscalationRow,
  StepLeadTime,
  WithinNormRow,
  WorkInProgressRow,
} from '../../api/kpis-api';
import {
  ageingPerStep,
  escalationsPerCause,
  leadTimePerStep,
  suppressedGroups,
  withinNormPerPartner,
} from './dashboard-data';

const name = (id: string) => id.toUpperCase();
const DAY = 86_400_000;

describe('dashboard figures', () => {
  it('splits work in progress by age and adds partners of a step together', () => {
    const rows = [
      {
        stepId: 'triage',
        partnerId: 'a',
        suppressed: false,
        open: 5,
        agedOver7Days: 3,
        agedOver28Days: 1,
      },
      {
        stepId: 'triage',
        partnerId: 'b',
        suppressed: false,
        open: 2,
        agedOver7Days: 0,
        agedOver28Days: 0,
      },
      {
        stepId: 'intake',
        partnerId: 'a',
        suppressed: true,
        open: null,
        agedOver7Days: null,
        agedOver28Days: null,
      },
    ] as WorkInProgressRow[];
    expect(ageingPerStep(rows, name)).toEqual([
      { step: 'TRIAGE', under7: 4, from7to28: 2, over28: 1 },
    ]);
  });

  it('shows lead times in days from the partner that did most tasks', () => {
    const rows = [
      {
        stepId: 'triage',
        partnerId: 'a',
        suppressed: false,
        tasks: 2,
        workingMedianMs: DAY,
        workingP90Ms: 2 * DAY,
      },
      {
        stepId: 'triage',
        partnerId: 'b',
        suppressed: false,
        tasks: 8,
        workingMedianMs: 1.5 * DAY,
        workingP90Ms: null,
      },
    ] as StepLeadTime[];
    expect(leadTimePerStep(rows, name)).toEqual([
      { step: 'TRIAGE', median: 1.5, p90: null, unit: 'days' },
    ]);
  });

  it('shows lead times in hours when every one is under a day', () => {
    const rows = [
      {
        stepId: 'triage',
        partnerId: 'a',
        suppressed: false,
        tasks: 2,
        workingMedianMs: 3 * 3_600_000,
        workingP90Ms: 20 * 3_600_000,
      },
    ] as StepLeadTime[];
    expect(leadTimePerStep(rows, name)).toEqual([
      { step: 'TRIAGE', median: 3, p90: 20, unit: 'hours' },
    ]);
  });

  it('recomputes the share within norm per partner over its steps', () => {
    const rows = [
      { stepId: 's1', partnerId: 'gemeente', suppressed: false, within: 8, measured: 10 },
      { stepId: 's2', partnerId: 'gemeente', suppressed: false, within: 2, measured: 10 },
      { stepId: 's3', partnerId: 'wijkteam', suppressed: false, within: 0, measured: 0 },
    ] as WithinNormRow[];
    expect(withinNormPerPartner(rows, name)).toEqual([{ partner: 'GEMEENTE', pct: 50 }]);
  });

  it('counts escalations per trigger over all levels', () => {
    const rows = [
      { level: 0, trigger: 'norm-breached', suppressed: false, raised: 4 },
      { level: 1, trigger: 'norm-breached', suppressed: false, raised: 2 },
      { level: 0, trigger: 'claim-overdue', suppressed: false, raised: 7 },
    ] as EscalationRow[];
    expect(escalationsPerCause(rows, name)).toEqual([
      { cause: 'CLAIM-OVERDUE', count: 7 },
      { cause: 'NORM-BREACHED', count: 6 },
    ]);
  });

  it('names the groups the small-group rule held back, with the minimum, instead of dropping them', () => {
    const rows = [
      { level: 0, trigger: 'norm-breached', suppressed: false, raised: 6, minGroupSize: 5 },
      { level: 1, trigger: 'claim-overdue', suppressed: true, raised: null, minGroupSize: 5 },
      { level: 2, trigger: 'claim-overdue', suppressed: true, raised: null, minGroupSize: 5 },
    ] as EscalationRow[];
    expect(suppressedGroups(rows, (row) => name(row.trigger))).toEqual({
      names: ['CLAIM-OVERDUE'],
      minGroupSize: 5,
    });
    expect(suppressedGroups([], name)).toEqual({ names: [], minGroupSize: null });
  });
});
