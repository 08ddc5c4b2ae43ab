import { describe, expect, it } from 'vitest';
import type { CaseSummary, ReferenceModel } from '../../api/types';
import { groupByPartner } from './group-by-partner';

const model = {
  partners: [
    { id: 'gemeente', name: 'Gemeente', roles: [] },
    { id: 'kredietbank', name: 'Kredietbank', roles: [] },
    { id: 'woningcorporatie', name: 'Woningcorporatie', roles: [] },
  ],
} as unknown as ReferenceModel;
const open = (number: number, currentPartners: string[]) =>
  ({ id: `c${number}`, number, currentPartners }) as CaseSummary;

describe('the chain overview', () => {
  it('shows each open case at every partner holding it, in model order, and cases in transit last', () => {
    const columns = groupByPartner(model, [
      open(1, ['kredietbank']),
      open(2, ['gemeente', 'kredietbank']),
      open(3, []),
    ]);
    expect(
      columns.map((column) => [column.partnerId, column.cases.map((item) => item.number)]),
    ).toEqual([
      ['gemeente', [2]],
      ['kredietbank', [1, 2]],
      ['', [3]],
    ]);
  });
});
