/**
 * A civil (calendar) date without time or zone, written `YYYY-MM-DD`.
 * In Schakel every civil date is a Dutch (Europe/Amsterdam) date.
 */
export type CivilDate = string;

/** Milliseconds in a 24-hour day; Amsterdam days of 23 or 25 hours are handled in `amsterdam-time`. */
export const MS_PER_DAY = 86_400_000;

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date. Integer arithmetic only
 * (H. Hinnant's `days_from_civil`), so no `Date` is involved.
 */
export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Inverse of {@link dayNumberOf}. */
export function civilOf(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Formats a day number as `YYYY-MM-DD`. */
export function formatDayNumber(dayNumber: number): CivilDate {
  const { year, month, day } = civilOf(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * Parses `YYYY-MM-DD` into a day number.
 * @throws RangeError when the text is not an existing date (e.g. `2025-02-29`).
 */
export function parseCivilDate(date: CivilDate): number {
  const dayNumber = tryParse(date);
  if (dayNumber === undefined) {
    throw new RangeError(`Not a valid civil date (YYYY-MM-DD): '${date}'`);
  }
  return dayNumber;
}

/** Whether the text is an existing date written `YYYY-MM-DD`. */
export function isCivilDate(date: string): boolean {
  return tryParse(date) !== undefined;
}

function tryParse(date: string): number | undefined {
  const match = CIVIL_DATE.exec(date);
  if (!match) return undefined;
  const dayNumber = dayNumberOf(Number(match[1]), Number(match[2]), Number(match[3]));
  // Round-tripping rejects month 13, 31 April, 29 February in common years and the like.
  return formatDayNumber(dayNumber) === date ? dayNumber : undefined;
}

/** ISO weekday of a day number (1970-01-01 was a Thursday). */
export function isoWeekdayOf(dayNumber: number): IsoWeekday {
  return (((((dayNumber + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/** Adds (or with a negative count subtracts) calendar days. */
export function addCalendarDays(date: CivilDate, days: number): CivilDate {
  return formatDayNumber(parseCivilDate(date) + days);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
