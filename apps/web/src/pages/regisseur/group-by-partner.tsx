import type { CaseSummary, ReferenceModel } from '../../api/types';

export interface PartnerCases {
  partnerId: string;
  name: string;
  cases: CaseSummary[];
}

/** Open cases per partner holding them, in the model's partner order; cases between handovers last. */
export function groupByPartner(model: ReferenceModel, cases: CaseSummary[]): PartnerCases[] {
  const columns: PartnerCases[] = model.partners.map((partner) => ({
    partnerId: partner.id,
    name: partner.name,
    cases: cases.filter((item) => item.currentPartners.includes(partner.id)),
  }));
  const inTransit = cases.filter((item) => item.currentPartners.length === 0);
  const held = columns.filter((column) => column.cases.length > 0);
  return inTransit.length ? [...held, { partnerId: '', name: '', cases: inTransit }] : held;
}
