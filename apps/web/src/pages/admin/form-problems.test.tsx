import { describe, expect, it } from 'vitest';
import { toApiError } from '../../api/api-error';
import { formFieldOf, formProblems } from './form-problems';

describe("the API's objections on an admin form", () => {
  it('name the form field of a nested API field', () => {
    expect(formFieldOf('grants[0].organisationId')).toBe('grants');
    expect(formFieldOf('grants.0.role')).toBe('grants');
    expect(formFieldOf('username')).toBe('username');
  });

  it('keep the first objection per field the form has, and drop the rest', () => {
    const error = toApiError(400, {
      message: 'Validation failed',
      errors: [
        { field: 'password', message: 'password must be longer than or equal to 12 characters' },
        { field: 'password', message: 'second' },
        { field: 'grants[0].organisationId', message: 'is required for a caseworker' },
        { field: 'unknown', message: 'ignored' },
      ],
    });
    expect(formProblems(error, ['username', 'password', 'grants'])).toEqual({
      password: 'password must be longer than or equal to 12 characters',
      grants: 'is required for a caseworker',
    });
  });

  it('put a conflict on the id the form asked for', () => {
    const error = toApiError(409, { message: 'Username j.jansen is taken' });
    expect(formProblems(error, ['username'], 'username')).toEqual({
      username: 'Username j.jansen is taken',
    });
    expect(formProblems(error, ['username'])).toEqual({});
  });

  it('are none for an error that is not the API’s', () => {
    expect(formProblems(new Error('boom'), ['username'], 'username')).toEqual({});
  });
});
