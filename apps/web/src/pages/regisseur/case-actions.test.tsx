import { describe, expect, it } from 'vitest';
import type { CaseTask } from '../../api/types';
import { caseActionSpecs } from './case-actions';

const task = (key: string, extra: Partial<CaseTask> = {}): CaseTask => ({
  id: key,
  taskKey: key,
  stepId: key,
  stepName: key,
  partnerId: 'gemeente',
  status: 'open',
  assigneeId: null,
  iteration: 1,
  openedAt: '2026-01-01T00:00:00Z',
  closedAt: null,
  dueAt: null,
  escalationAt: null,
  suspendedSince: null,
  ...extra,
});

describe('the case actions', () => {
  it('offer what makes sense now, with the only task chosen already', () => {
    const specs = caseActionSpecs({
      caseStatus: 'open',
      tasks: [task('matching'), task('intake', { status: 'completed' })],
      ends: [{ id: 'done', name: 'Klaar' }],
      partnerName: (id) => id,
      t: (key) => key,
    });
    expect(specs.map((spec) => spec.id)).toEqual([
      'suspend',
      'record-agreement',
      'reopen',
      'close',
    ]);
    expect(specs[0].fields?.[0]).toMatchObject({ name: 'taskKey', initial: 'matching' });
  });

  it('offers resume for a suspended clock and nothing on a closed case', () => {
    const suspended = [task('matching', { suspendedSince: '2026-01-02T00:00:00Z' })];
    const context = { ends: [], partnerName: (id: string) => id, t: (key: string) => key };
    expect(
      caseActionSpecs({ ...context, caseStatus: 'open', tasks: suspended }).map((s) => s.id),
    ).toEqual(['resume', 'record-agreement']);
    expect(caseActionSpecs({ ...context, caseStatus: 'closed', tasks: suspended })).toEqual([]);
  });

  it('offers the case norm clock as the model allows: suspend and extend while it runs, resume when paused', () => {
    const norm = {
      state: 'running' as const,
      dueAt: '2027-03-05T22:59:59.999Z',
      escalationAt: null,
      suspendedSince: null,
      suspendedMs: 0,
      extended: false,
    };
    const context = {
      caseStatus: 'open',
      tasks: [],
      ends: [],
      partnerName: (id: string) => id,
      t: (key: string) => key,
    };
    const ids = (extra: object) => caseActionSpecs({ ...context, ...extra }).map((spec) => spec.id);
    expect(ids({ norm, normRules: { suspendable: true, extendable: true } })).toEqual([
      'suspend-case',
      'extend-case',
      'record-agreement',
    ]);
    expect(
      ids({ norm: { ...norm, state: 'suspended' }, normRules: { suspendable: true } }),
    ).toEqual(['resume-case', 'record-agreement']);
    // No due date yet (waiting for its date), or no case norm: nothing to act on.
    expect(
      ids({
        norm: { ...norm, state: 'awaiting-date', dueAt: null },
        normRules: { extendable: true },
      }),
    ).toEqual(['record-agreement']);
    expect(ids({ norm: null })).toEqual(['record-agreement']);
  });
});
