import {
  type CivilDate,
  civilOf,
  dayNumberOf,
  formatDayNumber,
  isoWeekdayOf,
  MS_PER_DAY,
  parseCivilDate,
} from './civil-date';

/**
 * An instant as milliseconds since the Unix epoch (UTC). Plain numbers keep clock
 * data JSON-safe across Temporal payloads and free of `Date` in the workflow sandbox.
 */
export type EpochMs = number;

const HOUR = 3_600_000;
const CET = HOUR;
const CEST = 2 * HOUR;

/** The EU summer-time rule used here has applied in the Netherlands since 1996. */
const FIRST_SUPPORTED_YEAR = 1996;

/**
 * UTC offset of Europe/Amsterdam at an instant: CEST (+2h) from the last Sunday of
 * March 01:00 UTC until the last Sunday of October 01:00 UTC, CET (+1h) otherwise.
 * Computed by hand rather than with Intl so it is deterministic in the workflow sandbox.
 * @throws RangeError before 1996, when other summer-time rules applied.
 */
export function amsterdamOffsetMs(instant: EpochMs): number {
  if (!Number.isFinite(instant)) throw new RangeError(`Not an instant: ${instant}`);
  const year = civilOf(Math.floor(instant / MS_PER_DAY)).year;
  assertSupported(year);
  return euRuleOffsetMs(instant, year);
}

function euRuleOffsetMs(instant: EpochMs, year: number): number {
  const summerStart = lastSunday(year, 3) * MS_PER_DAY + HOUR;
  const summerEnd = lastSunday(year, 10) * MS_PER_DAY + HOUR;
  return instant >= summerStart && instant < summerEnd ? CEST : CET;
}

/** The Dutch civil date on which an instant falls. */
export function toAmsterdamDate(instant: EpochMs): CivilDate {
  return formatDayNumber(Math.floor((instant + amsterdamOffsetMs(instant)) / MS_PER_DAY));
}

/** First instant (00:00 Amsterdam time) of a Dutch civil date. */
export function startOfAmsterdamDay(date: CivilDate): EpochMs {
  return fromAmsterdamLocal(supportedDayNumber(date) * MS_PER_DAY);
}

/** Last millisecond (23:59:59.999 Amsterdam time) of a Dutch civil date. */
export function endOfAmsterdamDay(date: CivilDate): EpochMs {
  return fromAmsterdamLocal((supportedDayNumber(date) + 1) * MS_PER_DAY) - 1;
}

/**
 * Instant of an Amsterdam wall-clock time, given as milliseconds since 1970-01-01T00:00 local.
 * Midnight is never ambiguous (the switches happen at 02:00/03:00), so the day boundaries
 * above always resolve; for completeness a repeated hour resolves to its first occurrence
 * and a skipped hour is read with the winter offset (02:30 becomes 03:30 CEST).
 */
function fromAmsterdamLocal(localMs: number): EpochMs {
  const summer = localMs - CEST;
  // No range check here: probing 1996-01-01 00:00 local looks at an instant in 1995.
  if (euRuleOffsetMs(summer, civilOf(Math.floor(summer / MS_PER_DAY)).year) === CEST) {
    return summer;
  }
  return localMs - CET;
}

function supportedDayNumber(date: CivilDate): number {
  const dayNumber = parseCivilDate(date);
  assertSupported(civilOf(dayNumber).year);
  return dayNumber;
}

function assertSupported(year: number): void {
  if (year < FIRST_SUPPORTED_YEAR) {
    throw new RangeError(`Amsterdam time is supported from ${FIRST_SUPPORTED_YEAR}, got ${year}`);
  }
}

function lastSunday(year: number, month: number): number {
  const lastDay = dayNumberOf(year, month + 1, 1) - 1;
  return lastDay - (isoWeekdayOf(lastDay) % 7);
}
