import { describe, expect, it } from 'vitest';
import { toApiError } from '../api/api-error';
import { errorDetail, errorMessageKey } from './error-text';

describe('the words of an error', () => {
  it('say what changed when the server names it, not "someone changed this, refresh"', () => {
    const error = toApiError(409, {
      statusCode: 409,
      message: 'Task matching:1 is already claimed by a colleague',
      code: 'claimed-by-colleague',
    });
    expect(errorMessageKey(error)).toBe('refusal.claimed-by-colleague');
    // The server's English sentence is not shown next to the console's own words.
    expect(errorDetail(error)).toBeUndefined();
  });

  it('fall back to the status, with the server message, for a code the console does not know', () => {
    const error = toApiError(409, { statusCode: 409, message: 'Exists already', code: 'other' });
    expect(errorMessageKey(error)).toBe('error.conflict');
    expect(errorDetail(error)).toBe('Exists already');
  });
});
