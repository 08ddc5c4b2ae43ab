import { describe, expect, it } from 'vitest';
import { en } from './en';
import { nl } from './nl';
import { translate } from './translate';

const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the dictionaries', () => {
  it('have the same placeholders in Dutch and English', () => {
    for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
    }
  });

  it('fill placeholders and leave unknown ones visible', () => {
    expect(translate(nl, 'task.title', { number: 12, step: 'Triage' })).toBe('Casus 12 · Triage');
    expect(translate(en, 'task.title', { number: 12 })).toBe('Case 12 · {step}');
  });
});
