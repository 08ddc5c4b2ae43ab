import {
  type EpochMs,
  endOfAmsterdamDay,
  startOfAmsterdamDay,
  toAmsterdamDate,
} from './amsterdam-time';
import { addCalendarDays, type CivilDate, parseCivilDate } from './civil-date';
import { HolidayCalendar } from './holiday-calendar';
import { assertValidNorm, type Norm, type NormUnit } from './norm';

const HOUR = 3_600_000;

/** A time span, e.g. a suspension; `to` undefined means it is still going on. */
export interface Interval {
  readonly from: EpochMs;
  readonly to?: EpochMs;
}

/**
 * The instant a norm expires when its clock starts at `startedAt`.
 *
 * - `workingDays`: the n-th working day after the Dutch date of the start (the start day
 *   itself does not count), until 23:59:59.999 Amsterdam time. 0 means the end of the
 *   first working day on or after the start day. Always ends on a working day, so the
 *   Atw changes nothing.
 * - `calendarDays`: the n-th day after the start day, until 23:59:59.999. With `atw`,
 *   art. 2 first extends a term of 3 days or more until it holds 2 working days, then
 *   art. 1 moves an end on a Saturday, Sunday or holiday to the next working day.
 * - `hours`: exactly `amount` hours after the start; the Atw does not apply to hours.
 */
export function dueDate(startedAt: EpochMs, norm: Norm, calendar: HolidayCalendar): EpochMs {
  assertValidNorm(norm);
  return termEnd(startedAt, norm, calendar, 0);
}

/** Whether a term anchored to a date runs on from it or is counted back from it. */
export type DateDirection = 'before' | 'after';

/**
 * The instant a norm anchored to a Dutch civil date (a date in the case, such as a release date)
 * expires.
 *
 * - `after`: as {@link dueDate} with the clock started at 00:00 of `date`: the date itself does
 *   not count and the Atw applies as the norm says (e.g. 5 working days after the date of entry).
 * - `before`: counted back from the date, which itself does not count: 23:59:59.999 of the n-th
 *   working day before it (0: the date when it is a working day, else the working day before it),
 *   of the n-th calendar day before it, or exactly n hours before 00:00 of the date. The Atw does
 *   not apply to terms counted back, so an end on a weekend or holiday stays there.
 */
export function dueFromDate(
  date: CivilDate,
  norm: Norm,
  direction: DateDirection,
  calendar: HolidayCalendar,
): EpochMs {
  assertValidNorm(norm);
  const start = startOfAmsterdamDay(date);
  if (direction === 'after') return termEnd(start, norm, calendar, 0);
  switch (norm.unit) {
    case 'hours':
      return start - Math.round(norm.amount * HOUR);
    case 'workingDays':
      return endOfAmsterdamDay(calendar.subtractWorkingDays(date, norm.amount));
    case 'calendarDays':
      return endOfAmsterdamDay(addCalendarDays(date, -norm.amount));
  }
}

/**
 * Working days `d` with `day(a) < d <= day(b)`, on Dutch dates: the days a term
 * started at `a` has used by `b`. Negative when `b` is before `a`.
 */
export function workingDaysBetween(a: EpochMs, b: EpochMs, calendar: HolidayCalendar): number {
  return calendar.countWorkingDays(toAmsterdamDate(a), toAmsterdamDate(b));
}

/**
 * Time elapsed from `startedAt` to `at` in a norm's unit, less the `pauses`.
 * Day units count like {@link dueDate}: the (working) days after the start day up to and
 * including the day of `at`, so the result equals `amount` on the due day; a pause removes
 * the (working) days it crosses into. Hours are fractional. Pauses are clipped to the span
 * and merged when they overlap.
 * @throws RangeError when `at` is before `startedAt`.
 */
export function elapsedInUnit(
  startedAt: EpochMs,
  at: EpochMs,
  unit: NormUnit,
  calendar: HolidayCalendar,
  pauses: readonly Interval[] = [],
): number {
  if (at < startedAt) throw new RangeError('Elapsed time asked for an instant before the start');
  const paused = mergeWithin(pauses, startedAt, at).reduce(
    (sum, pause) => sum + measure(pause.from, pause.to, unit, calendar),
    0,
  );
  const elapsed = measure(startedAt, at, unit, calendar) - paused;
  return unit === 'hours' ? elapsed / HOUR : elapsed;
}

/**
 * End of the term pushed out by `paused` units (days, or ms for hours) of suspension.
 * The Atw art. 2 check applies to the original term, art. 1 to the final end day.
 */
export function termEnd(
  startedAt: EpochMs,
  norm: Norm,
  calendar: HolidayCalendar,
  paused: number,
): EpochMs {
  const startDay = toAmsterdamDate(startedAt);
  switch (norm.unit) {
    case 'hours':
      return startedAt + Math.round(norm.amount * HOUR) + paused;
    case 'workingDays':
      return endOfAmsterdamDay(calendar.addWorkingDays(startDay, norm.amount + paused));
    case 'calendarDays': {
      let last = addCalendarDays(startDay, norm.amount);
      if (norm.atw && norm.amount >= 3) {
        const secondWorkingDay = calendar.addWorkingDays(startDay, 2);
        if (secondWorkingDay > last) last = secondWorkingDay;
      }
      last = addCalendarDays(last, paused);
      return endOfAmsterdamDay(norm.atw ? calendar.workingDayOnOrAfter(last) : last);
    }
  }
}

/** A given due instant (e.g. an extension) pushed out by `paused` units of suspension. */
export function shiftDue(
  dueAt: EpochMs,
  norm: Norm,
  calendar: HolidayCalendar,
  paused: number,
): EpochMs {
  if (paused === 0) return dueAt;
  const dueDay = toAmsterdamDate(dueAt);
  switch (norm.unit) {
    case 'hours':
      return dueAt + paused;
    case 'workingDays':
      return endOfAmsterdamDay(calendar.addWorkingDays(dueDay, paused));
    case 'calendarDays': {
      const last = addCalendarDays(dueDay, paused);
      return endOfAmsterdamDay(norm.atw ? calendar.workingDayOnOrAfter(last) : last);
    }
  }
}

/** Length of a span in a unit: ms for hours, day boundaries crossed for day units. */
export function measure(
  from: EpochMs,
  to: EpochMs,
  unit: NormUnit,
  calendar: HolidayCalendar,
): number {
  switch (unit) {
    case 'hours':
      return to - from;
    case 'workingDays':
      return workingDaysBetween(from, to, calendar);
    case 'calendarDays':
      return parseCivilDate(toAmsterdamDate(to)) - parseCivilDate(toAmsterdamDate(from));
  }
}

/** Pauses clipped to `[start, end]`, open ones closed at `end`, overlaps merged, in order. */
export function mergeWithin(
  pauses: readonly Interval[],
  start: EpochMs,
  end: EpochMs,
): { from: EpochMs; to: EpochMs }[] {
  const clipped = pauses
    .map((pause) => ({ from: Math.max(pause.from, start), to: Math.min(pause.to ?? end, end) }))
    .filter((pause) => pause.to > pause.from)
    .sort((a, b) => a.from - b.from);
  const merged: { from: EpochMs; to: EpochMs }[] = [];
  for (const pause of clipped) {
    const last = merged[merged.length - 1];
    if (last && pause.from <= last.to) last.to = Math.max(last.to, pause.to);
    else merged.push({ ...pause });
  }
  return merged;
}
