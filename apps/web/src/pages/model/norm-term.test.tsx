import { describe, expect, it } from 'vitest';
import { nl } from '../../i18n/nl';
import type { MessageKey } from '../../i18n/nl';
import { translate, type Params } from '../../i18n/translate';
import { normAnchor, normTerm } from './norm-term';

const t = (key: MessageKey, params?: Params) => translate(nl, key, params);

describe("a step's norm in words", () => {
  it('says the term, and the date it counts back from or on from', () => {
    const target = { amount: 10, unit: 'workingDays' as const };
    const fields = [{ id: 'release-date', label: 'Datum detentie-einde' }];
    expect(normTerm(target, undefined, t)).toBe(`10 ${t('unit.workingDays')}`);
    expect(
      normTerm(target, normAnchor({ field: 'release-date', direction: 'before' }, fields), t),
    ).toBe(`10 ${t('unit.workingDays')} vóór Datum detentie-einde`);
  });
});
