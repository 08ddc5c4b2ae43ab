import { stopClock, withinNorm, type HolidayCalendar, type NormClock } from '@schakel/calendar';
import type { ClockSnapshot, TaskClocks } from '@schakel/contracts';
import type { ReferenceModel } from '@schakel/reference-model/engine';
import { escalate } from './case-escalations';
import { caseClocksUnderModel } from './case-clocks';
import { iso, writeCaseClocks } from './clock-columns';
import { readClocks, type ClockSignal } from './task-clocks';
import type { Work } from './transition-work';

/**
 * The case norm (issue 15): the lead time of the whole case, on a clock of its own that runs from
 * the intake (or from a date in the case), warns, breaches and escalates like a step's, and stops
 * when the case ends.
 */

/** At the intake: the case norm's clocks (empty while the date it is anchored to is missing). */
export function startCaseNorm(work: Work, model: ReferenceModel, calendar: HolidayCalendar): void {
  const clocks = caseClocksUnderModel(model, work.state, calendar);
  if (!clocks) return;
  work.state.caseClocks = clocks;
  writeCaseClocks(work, calendar, { enforced: true, suspendedSince: null, extended: false });
}

/** The regisseur hears of the warning and the breach; past the threshold the case escalates. */
export function signalCaseNorm(
  work: Work,
  model: ReferenceModel,
  calendar: HolidayCalendar,
  clocks: TaskClocks,
  signal: ClockSignal,
): void {
  const due = iso(readClocks(clocks, work.now, calendar).dueAt);
  switch (signal) {
    case 'warning':
      clocks.warned = true;
      work.changeCase({ warnedAt: work.at });
      work.record('case.warning', undefined, { dueAt: due ?? undefined });
      work.notifyCase('case.due-soon', 'Doorlooptijd van de zaak loopt bijna af', due);
      break;
    case 'overdue':
      clocks.overdue = true;
      work.changeCase({ overdueAt: work.at });
      work.record('case.overdue', undefined, { dueAt: due ?? undefined });
      work.notifyCase('case.overdue', 'Doorlooptijd van de zaak overschreden', due);
      break;
    case 'escalation':
      clocks.escalated = true;
      escalate(work, model, calendar, 'case-overdue', undefined);
      break;
    case 'claim':
      break; // the case as a whole is not claimed
  }
}

/** The case has ended: the clocks stop, and the case row says whether it met the norm. */
export function stopCaseNorm(work: Work, calendar: HolidayCalendar): void {
  const clocks = work.state.caseClocks;
  if (!clocks) return;
  const stop = (clock: ClockSnapshot | undefined) =>
    clock && (stopClock(clock as NormClock, work.now) as ClockSnapshot);
  const target = stop(clocks.target);
  work.state.caseClocks = { ...clocks, target, escalation: stop(clocks.escalation) };
  writeCaseClocks(work, calendar, {
    suspendedSince: null,
    withinNorm: target ? withinNorm(target as NormClock, work.now, calendar) : null,
  });
}
