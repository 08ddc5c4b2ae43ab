import { describe, expect, it } from 'vitest';
import type { CaseMigration, MigrationPlan } from '../../api/migrations-api';
import { choicesOf, dryRunRows, mappingEdits, settledPercent } from './migration-view';

const plan = {
  steps: [
    { from: 'outreach', to: ['outreach'], origin: 'generated' },
    { from: 'feedback', to: ['feedback'], origin: 'generated' },
  ],
} as MigrationPlan;

describe('the migration page', () => {
  it('shows a line per task, and one line with the reasons for a case that cannot migrate', () => {
    const cases = [
      {
        caseId: 'a',
        caseNumber: 7,
        outcome: 'migratable',
        problems: [],
        tasks: [{ taskKey: 'outreach:1', action: 'moved' }],
      },
      {
        caseId: 'b',
        caseNumber: null,
        outcome: 'refused',
        problems: [{ code: 'claimed-work', message: 'claimed' }],
        tasks: [],
      },
    ] as unknown as CaseMigration[];
    expect(dryRunRows(cases)).toEqual([
      {
        caseId: 'a',
        caseNumber: 7,
        outcome: 'migratable',
        problems: [],
        task: { taskKey: 'outreach:1', action: 'moved' },
      },
      { caseId: 'b', caseNumber: null, outcome: 'refused', problems: ['claimed'], task: null },
    ]);
  });

  it('sends only what the owner changed or added as edits', () => {
    const choices = { ...choicesOf(plan), feedback: [], matching: ['triage'] };
    expect(mappingEdits(plan, choices)).toEqual([
      { from: 'feedback', to: [] },
      { from: 'matching', to: ['triage'] },
    ]);
    expect(mappingEdits(plan, choicesOf(plan))).toEqual([]);
  });

  it('counts settled cases, refused ones included, towards the progress', () => {
    const progress = {
      total: 48,
      pending: 12,
      migrated: 30,
      alreadyMigrated: 0,
      refused: 6,
      batches: 2,
      batchesDone: 1,
    };
    expect(settledPercent(progress)).toBe(75);
    expect(settledPercent({ ...progress, total: 0, pending: 0 })).toBe(100);
  });
});
