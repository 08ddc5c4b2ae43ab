import { describe, expect, it } from 'vitest';
import type { CaseNorm } from '../../api/types';
import { en } from '../../i18n/en';
import type { MessageKey } from '../../i18n/nl';
import { translate, type Params } from '../../i18n/translate';
import { caseNormText } from './case-norm-text';

const t = (key: MessageKey, params?: Params) => translate(en, key, params);
const norm = (overrides: Partial<CaseNorm>): CaseNorm => ({
  state: 'running',
  dueAt: '2027-03-05T22:59:59.999Z',
  escalationAt: null,
  suspendedSince: null,
  suspendedMs: 0,
  extended: false,
  ...overrides,
});

describe('the case norm in words', () => {
  it('says the state and the due date', () => {
    expect(caseNormText(norm({ state: 'overdue' }), t, 'en')).toMatch(/^Breached · By .*2027/);
  });

  it('says what it waits for before there is a due date, and when there is no norm', () => {
    expect(caseNormText(norm({ state: 'awaiting-date', dueAt: null }), t, 'en')).toBe(
      'Waiting for the date the norm counts from',
    );
    expect(caseNormText(null, t, 'en')).toBe('No norm for the case as a whole');
  });
});
