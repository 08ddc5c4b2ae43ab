import {
  type CivilDate,
  civilOf,
  formatDayNumber,
  isoWeekdayOf,
  parseCivilDate,
} from './civil-date';
import { dutchHolidays, type ExtraDay, type Holiday } from './dutch-holidays';

/** Configuration of a {@link HolidayCalendar}. */
export interface HolidayCalendarConfig {
  /** Days equated with holidays by decree (Atw art. 3(3)), keyed by year. */
  readonly extraDays?: Readonly<Record<number, readonly ExtraDay[]>>;
}

/**
 * The Dutch working-day calendar of the Algemene termijnenwet. A working day is a
 * day that is not a Saturday, Sunday or holiday (art. 3, including configured decree days).
 * Immutable; holiday tables are computed per year on first use.
 */
export class HolidayCalendar {
  private readonly extraDays: Readonly<Record<number, readonly ExtraDay[]>>;
  private readonly byYear = new Map<number, Map<number, string>>();

  /** @throws RangeError when a configured decree day is invalid or filed under the wrong year. */
  constructor(config: HolidayCalendarConfig = {}) {
    this.extraDays = config.extraDays ?? {};
    // Validate eagerly so a bad configuration fails at boot, not at the first deadline in that year.
    for (const year of Object.keys(this.extraDays)) this.table(Number(year));
  }

  /** The holidays of a year, sorted by date. */
  holidays(year: number): Holiday[] {
    return dutchHolidays(year, this.extraDays[year]);
  }

  /** Name of the holiday on this date (names joined by " / " when two coincide), or undefined. */
  holidayName(date: CivilDate): string | undefined {
    return this.nameOf(parseCivilDate(date));
  }

  isHoliday(date: CivilDate): boolean {
    return this.holidayName(date) !== undefined;
  }

  /** Not a Saturday, Sunday or holiday. */
  isWorkingDay(date: CivilDate): boolean {
    return this.isWorkingDayNumber(parseCivilDate(date));
  }

  /** The date itself when it is a working day, else the next working day (Atw art. 1). */
  workingDayOnOrAfter(date: CivilDate): CivilDate {
    return formatDayNumber(this.workingDayOnOrAfterNumber(parseCivilDate(date)));
  }

  /**
   * The `count`-th working day after `date` (the date itself does not count).
   * `count` 0 gives {@link workingDayOnOrAfter}.
   */
  addWorkingDays(date: CivilDate, count: number): CivilDate {
    return formatDayNumber(this.addWorkingDaysNumber(parseCivilDate(date), count));
  }

  /**
   * The `count`-th working day before `date` (the date itself does not count), for terms counted
   * back from a date. `count` 0 gives the date itself when it is a working day, else the working
   * day before it.
   */
  subtractWorkingDays(date: CivilDate, count: number): CivilDate {
    return formatDayNumber(this.subtractWorkingDaysNumber(parseCivilDate(date), count));
  }

  /** Working days `d` with `from < d <= to`; negative when `to` is before `from`. */
  countWorkingDays(from: CivilDate, to: CivilDate): number {
    return this.countWorkingDaysNumber(parseCivilDate(from), parseCivilDate(to));
  }

  private isWorkingDayNumber(dayNumber: number): boolean {
    return isoWeekdayOf(dayNumber) <= 5 && this.nameOf(dayNumber) === undefined;
  }

  private workingDayOnOrAfterNumber(dayNumber: number): number {
    let day = dayNumber;
    while (!this.isWorkingDayNumber(day)) day += 1;
    return day;
  }

  private addWorkingDaysNumber(dayNumber: number, count: number): number {
    assertCount(count);
    if (count === 0) return this.workingDayOnOrAfterNumber(dayNumber);
    let day = dayNumber;
    for (let left = count; left > 0;) {
      day += 1;
      if (this.isWorkingDayNumber(day)) left -= 1;
    }
    return day;
  }

  private subtractWorkingDaysNumber(dayNumber: number, count: number): number {
    assertCount(count);
    let day = dayNumber;
    if (count === 0) {
      while (!this.isWorkingDayNumber(day)) day -= 1;
      return day;
    }
    for (let left = count; left > 0;) {
      day -= 1;
      if (this.isWorkingDayNumber(day)) left -= 1;
    }
    return day;
  }

  private countWorkingDaysNumber(from: number, to: number): number {
    if (to < from) return -this.countWorkingDaysNumber(to, from);
    let count = 0;
    for (let day = from + 1; day <= to; day += 1) {
      if (this.isWorkingDayNumber(day)) count += 1;
    }
    return count;
  }

  private nameOf(dayNumber: number): string | undefined {
    return this.table(civilOf(dayNumber).year).get(dayNumber);
  }

  private table(year: number): Map<number, string> {
    let table = this.byYear.get(year);
    if (!table) {
      table = new Map();
      for (const { date, name } of this.holidays(year)) {
        const dayNumber = parseCivilDate(date);
        const existing = table.get(dayNumber);
        table.set(dayNumber, existing ? `${existing} / ${name}` : name);
      }
      this.byYear.set(year, table);
    }
    return table;
  }
}

function assertCount(count: number): void {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`Working-day count must be a non-negative integer, got ${count}`);
  }
}
