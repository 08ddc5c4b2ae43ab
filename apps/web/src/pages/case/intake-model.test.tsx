import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import type { StepFormField } from '../../api/types';
import { formFromModel } from '../task/form-model';
import { looksLikeBsn, serverIntakeProblems, validateIntake } from './intake-model';

const FORM: StepFormField[] = formFromModel(
  [
    { field: 'client-name', required: true },
    { field: 'amount-owed', required: true },
    { field: 'phone', required: false },
    { field: 'not-defined', required: true },
  ],
  [
    { id: 'client-name', label: 'Naam inwoner', type: 'string' },
    { id: 'amount-owed', label: 'Achterstand (euro)', type: 'number' },
    { id: 'phone', label: 'Telefoonnummer', type: 'string' },
  ],
);

const BASICS = {
  category: 'arrears-signal',
  intensity: '',
  clientQuestion: 'Hulp bij huurachterstand',
  clientReference: 'KP-7F3A-91C2',
};

describe('the intake', () => {
  it('is generated from the intake form and the field definitions', () => {
    expect(FORM.map((field) => [field.field, field.type, field.required])).toEqual([
      ['client-name', 'string', true],
      ['amount-owed', 'number', true],
      ['phone', 'string', false],
    ]);
  });

  it('refuses a BSN as client reference and asks for the pseudonym', () => {
    expect(looksLikeBsn('111222333')).toBe(true);
    expect(looksLikeBsn('KP-7F3A-91C2')).toBe(false);
    const errors = validateIntake({ ...BASICS, clientReference: '111222333' }, FORM, {
      'client-name': 'A. Jansen',
      'amount-owed': '12',
    });
    expect(errors).toEqual({ clientReference: 'intake.error.bsn' });
  });

  it('checks the basics and the generated fields before sending', () => {
    const errors = validateIntake({ ...BASICS, category: '', clientQuestion: 'x' }, FORM, {
      'amount-owed': 'veel',
    });
    expect(errors).toEqual({
      category: 'intake.error.category',
      clientQuestion: 'intake.error.question',
      'client-name': 'form.error.required',
      'amount-owed': 'form.error.number',
    });
  });

  it("puts the API's objections on the field they concern", () => {
    const error = new ApiError('notAllowedNow', 422, 'The intake is not complete', [
      { field: 'clientReference', message: 'looks like a BSN', code: 'bsn-not-allowed' },
      { field: 'amount-owed', message: 'must be a number', code: 'wrong-type' },
      { field: 'client-name', message: 'required', code: 'required-missing' },
      { field: 'elsewhere', message: 'ignored' },
    ]);
    expect(serverIntakeProblems(error, FORM)).toEqual({
      clientReference: 'intake.error.bsn',
      'amount-owed': 'form.error.number',
      'client-name': 'form.error.required',
    });
  });
});
