import type { HolidayCalendar } from '@schakel/calendar';
import type { CaseClockChange, ClockChange } from '@schakel/contracts';
import { readClocks } from './task-clocks';
import type { Work } from './transition-work';

export function iso(epoch: number | null): string | null {
  return epoch === null ? null : new Date(epoch).toISOString();
}

/** A task's current due dates (and any extra columns), for its row on the read side. */
export function writeTaskClocks(
  work: Work,
  taskKey: string,
  calendar: HolidayCalendar,
  extra: ClockChange,
): void {
  const reading = readClocks(work.state.clocks[taskKey], work.now, calendar);
  work.change({
    taskKey,
    dueAt: iso(reading.dueAt),
    escalationAt: iso(reading.escalationAt),
    suspendedMs: reading.suspendedMs,
    ...extra,
  });
}

/** The case norm's current due dates (and any extra columns), for the case row. */
export function writeCaseClocks(
  work: Work,
  calendar: HolidayCalendar,
  extra: CaseClockChange,
): void {
  const reading = readClocks(work.state.caseClocks ?? {}, work.now, calendar);
  work.changeCase({
    dueAt: iso(reading.dueAt),
    escalationAt: iso(reading.escalationAt),
    suspendedMs: reading.suspendedMs,
    ...extra,
  });
}
