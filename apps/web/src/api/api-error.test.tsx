import { describe, expect, it } from 'vitest';
import { errorKind, toApiError } from './api-error';

describe('toApiError', () => {
  it('maps statuses to what the user can do about them', () => {
    expect(errorKind(0)).toBe('offline');
    expect(errorKind(401)).toBe('signedOut');
    expect(errorKind(403)).toBe('forbidden');
    expect(errorKind(404)).toBe('notFound');
    expect(errorKind(409)).toBe('conflict');
    expect(errorKind(413)).toBe('tooLarge');
    expect(errorKind(422)).toBe('notAllowedNow');
    expect(errorKind(400)).toBe('invalid');
    expect(errorKind(418)).toBe('invalid');
    expect(errorKind(503)).toBe('server');
  });

  it('keeps the message and request id of the API error shape', () => {
    const error = toApiError(409, {
      statusCode: 409,
      error: 'Conflict',
      message: 'Task is held by a colleague',
      requestId: 'req-1',
    });
    expect(error).toMatchObject({
      kind: 'conflict',
      serverMessage: 'Task is held by a colleague',
      requestId: 'req-1',
    });
  });

  it('puts validation problems on the form field they concern', () => {
    const error = toApiError(422, {
      message: 'The form is incomplete',
      errors: [
        { field: 'data.amount-owed', code: 'required', message: 'amount-owed is required' },
        { field: 'contact-channel', reason: 'must be one of letter, phone' },
        { field: '', reason: 'ignored: no field' },
        'not an object',
      ],
    });
    expect(error.fieldProblems).toEqual([
      { field: 'amount-owed', message: 'amount-owed is required', code: 'required' },
      { field: 'contact-channel', message: 'must be one of letter, phone' },
    ]);
  });

  it('joins class-validator message arrays and survives bodies that are not JSON', () => {
    expect(toApiError(400, { message: ['a is wrong', 'b is wrong'] }).serverMessage).toBe(
      'a is wrong; b is wrong',
    );
    const fromText = toApiError(502, '<html>Bad gateway</html>');
    expect(fromText).toMatchObject({ kind: 'server', serverMessage: '', fieldProblems: [] });
  });

  it('keeps model problems of a refused publish', () => {
    const problem = {
      code: 'unknown-target',
      path: '/routes/3/to',
      message: 'No such node',
      line: 40,
      column: 9,
    };
    expect(toApiError(422, { errors: [problem] }).errors).toEqual([problem]);
  });
});
