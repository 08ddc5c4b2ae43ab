import {
  type CivilDate,
  dayNumberOf,
  formatDayNumber,
  isoWeekdayOf,
  parseCivilDate,
} from './civil-date';
import { easterSundayDayNumber } from './easter';

/** A recognised holiday (algemeen erkende feestdag) or a day equated with one. */
export interface Holiday {
  readonly date: CivilDate;
  readonly name: string;
}

/**
 * A day equated with a holiday by decree (Atw art. 3(3)), e.g. the Friday after
 * Hemelvaartsdag. A bare date gets the name {@link DECREE_DAY_NAME}.
 */
export type ExtraDay = CivilDate | Holiday;

export const DECREE_DAY_NAME = 'Gelijkgestelde dag';

/**
 * The holidays of the Algemene termijnenwet art. 3 for one year, sorted by date:
 * art. 3(1) days, Goede Vrijdag (art. 3(2)) and the given decree days (art. 3(3)).
 * Eerste Paas- and Pinksterdag are left out: they are Sundays and the Atw does not list them.
 * Two holidays can share a date (Hemelvaartsdag on 5 May, as in 2016); both are listed.
 *
 * @param extraDays decree days of this year; each must fall in `year`.
 * @throws RangeError for an invalid date or a decree day in another year.
 */
export function dutchHolidays(year: number, extraDays: readonly ExtraDay[] = []): Holiday[] {
  const easter = easterSundayDayNumber(year);
  const kingsDay = dayNumberOf(year, 4, 27);
  const days: [number, string][] = [
    [dayNumberOf(year, 1, 1), 'Nieuwjaarsdag'],
    [easter - 2, 'Goede Vrijdag'],
    [easter + 1, 'Tweede Paasdag'],
    // Koningsdag moves to Saturday 26 April when 27 April is a Sunday.
    [isoWeekdayOf(kingsDay) === 7 ? kingsDay - 1 : kingsDay, 'Koningsdag'],
    // The Atw names 5 May every year, not only in lustrum years.
    [dayNumberOf(year, 5, 5), 'Bevrijdingsdag'],
    [easter + 39, 'Hemelvaartsdag'],
    [easter + 50, 'Tweede Pinksterdag'],
    [dayNumberOf(year, 12, 25), 'Eerste Kerstdag'],
    [dayNumberOf(year, 12, 26), 'Tweede Kerstdag'],
    ...extraDays.map((extra) => decreeDay(year, extra)),
  ];
  return days
    .sort(([a], [b]) => a - b)
    .map(([dayNumber, name]) => ({ date: formatDayNumber(dayNumber), name }));
}

function decreeDay(year: number, extra: ExtraDay): [number, string] {
  const { date, name } = typeof extra === 'string' ? { date: extra, name: DECREE_DAY_NAME } : extra;
  const dayNumber = parseCivilDate(date);
  if (!date.startsWith(`${year}-`)) {
    throw new RangeError(`Decree day ${date} is configured under year ${year}`);
  }
  return [dayNumber, name];
}
