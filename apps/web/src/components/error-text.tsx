import { ApiError } from '../api/api-error';
import type { MessageKey } from '../i18n/nl';

/** The sentence a caseworker reads for an error, and any detail worth showing under it. */
export function errorMessageKey(error: unknown): MessageKey {
  return error instanceof ApiError ? `error.${error.kind}` : 'error.server';
}

/** The server's own explanation, where it adds something to the sentence (422 and 409). */
export function errorDetail(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return ['notAllowedNow', 'conflict'].includes(error.kind) && error.serverMessage
    ? error.serverMessage
    : undefined;
}
