import { describe, expect, it } from 'vitest';
import type { ActionVerdict, KnownCaseTask } from '../../api/types';
import { actionSpecs, type ActionContext } from './case-actions';

const task = (key: string, stepName: string): KnownCaseTask => ({
  id: key,
  taskKey: key,
  stepId: key.split(':')[0],
  stepName,
  partnerId: 'gemeente',
  status: 'open',
  assigneeId: null,
  iteration: 1,
  openedAt: '2026-01-01T00:00:00Z',
  closedAt: null,
  dueAt: null,
  escalationAt: null,
});

const context: ActionContext = {
  tasks: [task('matching:1', 'Triage'), task('outreach:1', 'Outreach')],
  ends: [{ id: 'done', name: 'Klaar' }],
  alternatives: () => [],
  partnerName: (id) => id,
  t: (key) => key,
};

describe("the regisseur's choices", () => {
  it('are the offered actions, tasks it may not act on disabled with the reason', () => {
    const offers: ActionVerdict[] = [
      { action: 'suspend', allowed: false, reason: 'norm-not-suspendable', taskKey: 'matching:1' },
      { action: 'suspend', allowed: true, taskKey: 'outreach:1' },
      { action: 'close', allowed: true },
    ];
    const [suspend, close] = actionSpecs(offers, context);
    expect(suspend).toMatchObject({ id: 'suspend', label: 'action.suspend' });
    expect(suspend.refusal).toBeUndefined();
    expect(suspend.fields?.[0]).toMatchObject({
      name: 'taskKey',
      initial: 'outreach:1',
      options: [
        {
          value: 'matching:1',
          label: 'Triage · gemeente — refusal.norm-not-suspendable',
          disabled: true,
        },
        { value: 'outreach:1', label: 'Outreach · gemeente', disabled: false },
      ],
    });
    expect(close.fields?.[0]).toMatchObject({ name: 'endId', options: [{ value: 'done' }] });
  });

  it('shows an action allowed nowhere disabled, with why, and leaves out what is not offered', () => {
    const offers: ActionVerdict[] = [
      { action: 'remind', allowed: false, reason: 'task-returned', taskKey: 'matching:1' },
    ];
    const specs = actionSpecs(offers, { ...context, escalationId: 'esc-1' });
    expect(specs).toEqual([
      {
        id: 'remind',
        label: 'escalation.action.remind',
        fields: [],
        refusal: 'refusal.task-returned',
      },
    ]);
  });

  it("gives the case norm's clock its own entries when the server offers it without a task", () => {
    const offers: ActionVerdict[] = [
      { action: 'extend', allowed: true, taskKey: 'matching:1' },
      { action: 'extend', allowed: true },
      { action: 'resume', allowed: false, reason: 'not-suspended' },
    ];
    const [extend, extendCase, resumeCase] = actionSpecs(offers, context);
    expect(extend).toMatchObject({
      id: 'extend',
      fields: [{ name: 'taskKey' }, { name: 'dueAt' }],
    });
    expect(extendCase).toMatchObject({
      id: 'extend-case',
      label: 'action.extend-case',
      fields: [{ name: 'dueAt' }],
    });
    expect(resumeCase).toMatchObject({
      id: 'resume-case',
      fields: [],
      refusal: 'refusal.not-suspended',
    });
  });
});
