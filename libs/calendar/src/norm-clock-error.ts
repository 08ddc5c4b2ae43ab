/** Why a clock transition was refused. */
export type NormClockErrorCode =
  | 'ALREADY_SUSPENDED'
  | 'NOT_SUSPENDED'
  | 'EXTENSION_NOT_IN_FUTURE'
  | 'CLOCK_STOPPED'
  | 'OUT_OF_ORDER'
  | 'REASON_REQUIRED';

/**
 * A refused clock transition. These are business errors, not transient ones:
 * callers in workflows should map them to a non-retryable failure (`code` as its type).
 */
export class NormClockError extends Error {
  override readonly name = 'NormClockError';

  constructor(
    readonly code: NormClockErrorCode,
    message: string,
  ) {
    super(message);
  }
}
