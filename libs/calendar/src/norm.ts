/** Unit in which a norm (termijn) is expressed. */
export type NormUnit = 'workingDays' | 'calendarDays' | 'hours';

/**
 * A norm: a term of `amount` units counted from a start event.
 * `atw` says whether the Algemene termijnenwet applies (statutory terms, or a
 * contract or covenant that declares it); it only affects calendar-day terms.
 */
export interface Norm {
  readonly amount: number;
  readonly unit: NormUnit;
  readonly atw: boolean;
}

const UNITS: readonly NormUnit[] = ['workingDays', 'calendarDays', 'hours'];

/**
 * Checks a norm read from a model or message.
 * @throws RangeError for an unknown unit, a negative amount, or a fractional number of days.
 */
export function assertValidNorm(norm: Norm): void {
  if (!UNITS.includes(norm.unit)) throw new RangeError(`Unknown norm unit '${norm.unit}'`);
  if (!Number.isFinite(norm.amount) || norm.amount < 0) {
    throw new RangeError(`Norm amount must be a non-negative number, got ${norm.amount}`);
  }
  if (norm.unit !== 'hours' && !Number.isInteger(norm.amount)) {
    throw new RangeError(`A term in ${norm.unit} must be a whole number, got ${norm.amount}`);
  }
}
