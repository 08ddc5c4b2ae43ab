import { describe, expect, it } from 'vitest';
import type { StepFormField } from '../../api/types';
import { initialValues, inputKind, OUTCOME_FIELD, toCaseData, validateForm } from './form-model';

const FORM: StepFormField[] = [
  { field: 'assessment-report', label: 'Verslag onderzoek', type: 'string', required: true },
  { field: 'hours-per-week', label: 'Uren per week', type: 'number', required: false },
  { field: 'decision-date', label: 'Datum beschikking', type: 'date', required: true },
  { field: 'wants-personal-plan', label: 'Wil persoonlijk plan', type: 'boolean', required: true },
  {
    field: 'support-type',
    label: 'Soort',
    type: 'enum',
    required: false,
    values: [
      { id: 'household-help', label: 'Hulp bij het huishouden' },
      { id: 'mobility', label: 'mobility' },
    ],
  },
];
const OUTCOMES = [{ id: 'granted' }, { id: 'rejected' }];

describe('the form generated from a step definition', () => {
  it('picks an input per field type', () => {
    expect(FORM.map(inputKind)).toEqual(['text', 'number', 'date', 'yesNo', 'select']);
  });

  it('pre-fills what the case already holds', () => {
    expect(
      initialValues(FORM, { 'hours-per-week': 4, 'wants-personal-plan': false, other: 'x' }),
    ).toEqual({
      'assessment-report': '',
      'hours-per-week': '4',
      'decision-date': '',
      'wants-personal-plan': 'false',
      'support-type': '',
    });
  });

  it('asks for the outcome and every required field', () => {
    const errors = validateForm(FORM, OUTCOMES, '', initialValues(FORM, {}));
    expect(errors).toEqual({
      [OUTCOME_FIELD]: 'form.error.outcome',
      'assessment-report': 'form.error.required',
      'decision-date': 'form.error.required',
      'wants-personal-plan': 'form.error.required',
    });
  });

  it('checks numbers, dates and enum values', () => {
    const errors = validateForm(FORM, OUTCOMES, 'granted', {
      'assessment-report': 'Gesprek gevoerd',
      'hours-per-week': 'vier',
      'decision-date': '2026-02-30x',
      'wants-personal-plan': 'true',
      'support-type': 'taxi',
    });
    expect(errors).toEqual({
      'hours-per-week': 'form.error.number',
      'decision-date': 'form.error.date',
      'support-type': 'form.error.enum',
    });
  });

  it('sends typed values and leaves empty optional fields out', () => {
    const values = {
      'assessment-report': '  Gesprek gevoerd ',
      'hours-per-week': '2.5',
      'decision-date': '2026-03-02',
      'wants-personal-plan': 'false',
      'support-type': '',
    };
    expect(validateForm(FORM, OUTCOMES, 'granted', values)).toEqual({});
    expect(toCaseData(FORM, values)).toEqual({
      'assessment-report': 'Gesprek gevoerd',
      'hours-per-week': 2.5,
      'decision-date': '2026-03-02',
      'wants-personal-plan': false,
    });
  });
});
