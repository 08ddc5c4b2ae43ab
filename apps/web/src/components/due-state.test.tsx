import { describe, expect, it } from 'vitest';
import { dueState } from './due-state';

const NOW = new Date(2026, 2, 10, 12, 0);

describe('due badges', () => {
  it('says overdue, today, soon or later', () => {
    expect(dueState(null, NOW)).toEqual({ kind: 'none' });
    expect(dueState(new Date(2026, 2, 10, 9).toISOString(), NOW)).toEqual({ kind: 'overdue' });
    expect(dueState(new Date(2026, 2, 10, 17).toISOString(), NOW)).toEqual({ kind: 'today' });
    expect(dueState(new Date(2026, 2, 12, 9).toISOString(), NOW)).toEqual({
      kind: 'soon',
      days: 2,
    });
    expect(dueState(new Date(2026, 2, 20, 9).toISOString(), NOW)).toEqual({
      kind: 'later',
      days: 10,
    });
  });
});
