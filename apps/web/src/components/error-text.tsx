import { ApiError } from '../api/api-error';
import type { RefusalCode } from '../api/types';
import { nl, type MessageKey } from '../i18n/nl';

/** The words for why an action is refused; every code of the API's contract has them (type-checked). */
export function refusalMessage(code: RefusalCode): MessageKey {
  return `refusal.${code}`;
}

/** The message for a refusal code (`refusal.<code>`), when the console words that code. */
export function refusalKey(code: string | undefined): MessageKey | undefined {
  const key = `refusal.${code}`;
  return code !== undefined && key in nl ? (key as MessageKey) : undefined;
}

/**
 * The sentence a caseworker reads for an error: what stands in the way when the server names it
 * (a 409 says what changed: claimed by a colleague, completed, resolved…), else by its status.
 */
export function errorMessageKey(error: unknown): MessageKey {
  if (!(error instanceof ApiError)) return 'error.server';
  return refusalKey(error.code) ?? `error.${error.kind}`;
}

/** The server's own explanation, only where the console has no words of its own for the refusal. */
export function errorDetail(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || refusalKey(error.code)) return undefined;
  return ['notAllowedNow', 'conflict'].includes(error.kind) && error.serverMessage
    ? error.serverMessage
    : undefined;
}
