import { share, suppressCount, suppressFigures, suppressSmallGroups } from './suppression';

describe('suppression of small groups', () => {
  const rows = [
    { stepId: 'a', cases: 5, medianMs: 1000, tasks: 6 },
    { stepId: 'b', cases: 4, medianMs: 2000, tasks: 4 },
  ];

  it('blanks figures and the case count of groups below the minimum, keeping the group keys', () => {
    expect(suppressSmallGroups(rows, 5, ['medianMs', 'tasks'])).toEqual([
      { stepId: 'a', cases: 5, medianMs: 1000, tasks: 6, suppressed: false },
      { stepId: 'b', cases: null, medianMs: null, tasks: null, suppressed: true },
    ]);
  });

  it('shows every group with a minimum of 1', () => {
    expect(suppressSmallGroups(rows, 1, ['medianMs']).every((row) => !row.suppressed)).toBe(true);
  });

  it('suppresses small non-zero counts only', () => {
    expect([0, 1, 4, 5, 9].map((count) => suppressCount(count, 5))).toEqual([0, null, null, 5, 9]);
  });

  it('computes shares to four decimals, null for nothing measured', () => {
    expect(share(2, 3)).toBe(0.6667);
    expect(share(0, 0)).toBeNull();
    expect(share(null, 4)).toBeNull();
  });

  it('blanks the figures of a smaller set of cases within a group that is shown, naming them', () => {
    const card = [
      { stepId: 'a', cases: 6, completedCases: 4, medianMs: 1000, suppressedFigures: [] },
      { stepId: 'b', cases: 6, completedCases: 5, medianMs: 2000, suppressedFigures: [] },
    ];
    expect(suppressFigures(card, 5, (row) => row.completedCases, ['medianMs'])).toEqual([
      { ...card[0], medianMs: null, suppressedFigures: ['medianMs'] },
      card[1],
    ]);
  });
});
