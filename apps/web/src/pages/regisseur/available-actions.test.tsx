import { describe, expect, it } from 'vitest';
import type { Escalation } from '../../api/escalations-api';
import { availableActions } from './available-actions';

const escalation = (level: number, taskKey?: string) => ({ level, taskKey }) as Escalation;

describe('the regisseur actions offered', () => {
  it('offers task actions only with a task, and reassign only with somewhere to go', () => {
    expect(availableActions(escalation(1, 'triage#1'), ['wijkteam'])).toEqual([
      'remind',
      'reassign',
      'extend',
      'skip',
      'escalate',
      'de-escalate',
      'resolve',
    ]);
    expect(availableActions(escalation(1, 'triage#1'), [])).not.toContain('reassign');
    expect(availableActions(escalation(2), ['wijkteam'])).toEqual([
      'escalate',
      'de-escalate',
      'resolve',
    ]);
  });

  it('does not climb past the top of the ladder or below its bottom', () => {
    expect(availableActions(escalation(0), [])).toEqual(['escalate', 'resolve']);
    expect(availableActions(escalation(4), [])).toEqual(['de-escalate', 'resolve']);
  });
});
