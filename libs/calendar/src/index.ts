/**
 * @schakel/calendar — Dutch working days (Algemene termijnenwet), Amsterdam civil time,
 * norm due dates and norm clocks. Pure and deterministic: safe in Temporal workflows.
 */
export {
  type CivilDate,
  type IsoWeekday,
  addCalendarDays,
  isCivilDate,
  parseCivilDate,
} from './civil-date';
export { easterSunday } from './easter';
export { DECREE_DAY_NAME, dutchHolidays, type ExtraDay, type Holiday } from './dutch-holidays';
export { HolidayCalendar, type HolidayCalendarConfig } from './holiday-calendar';
export {
  amsterdamOffsetMs,
  endOfAmsterdamDay,
  type EpochMs,
  startOfAmsterdamDay,
  toAmsterdamDate,
} from './amsterdam-time';
export { assertValidNorm, type Norm, type NormUnit } from './norm';
export {
  type DateDirection,
  dueDate,
  dueFromDate,
  elapsedInUnit,
  type Interval,
  workingDaysBetween,
} from './due-date';
export {
  anchorClock,
  type ClockState,
  type ClockStatus,
  type ClockStatusOptions,
  clockStatus,
  type DateAnchor,
  type Extension,
  extendClock,
  type NormClock,
  resumeClock,
  startClock,
  stopClock,
  suspendClock,
  type Suspension,
  withinNorm,
} from './norm-clock';
export { NormClockError, type NormClockErrorCode } from './norm-clock-error';
