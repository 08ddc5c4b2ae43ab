import {
  anchorClock,
  clockStatus,
  dueDate,
  dueFromDate,
  extendClock,
  isCivilDate,
  resumeClock,
  startClock,
  suspendClock,
  type HolidayCalendar,
  type NormClock,
} from '@schakel/calendar';
import type { ClockSnapshot, TaskClocks } from '@schakel/contracts';
import {
  clockTerm,
  type CaseData,
  type Duration,
  type NormAnchor,
  type NormTerms,
} from '@schakel/reference-model/engine';

/** The instants a task's clocks will next signal, and what each signal is. */
export type ClockSignal = 'warning' | 'overdue' | 'escalation' | 'claim';

export interface ClockReading {
  dueAt: number | null;
  escalationAt: number | null;
  suspended: boolean;
  suspendedMs: number;
}

/** The date a norm is anchored to, when the case data holds one. */
export function anchorDate(anchor: NormAnchor, data: CaseData): string | null {
  const value = data[anchor.field];
  return typeof value === 'string' && isCivilDate(value) ? value : null;
}

/** Due instants of a norm's target and escalation from its anchor date, and why (for the history). */
function anchoredDue(
  terms: NormTerms,
  anchor: NormAnchor,
  date: string,
  calendar: HolidayCalendar,
): { target?: number; escalation?: number; reason: string } {
  const due = (duration: Duration | undefined) =>
    duration &&
    dueFromDate(date, clockTerm(duration, terms.atw ?? false), anchor.direction, calendar);
  return {
    target: due(terms.target),
    escalation: due(terms.escalation),
    reason: `${anchor.direction} ${anchor.field}`,
  };
}

/**
 * Starts a task's (or the case's) clocks from its norm terms at `start` (null: the norm starts
 * later, e.g. at claim). A norm anchored to a date runs from `start` to the due date that date
 * gives, and has no clocks while the case data holds no such date.
 */
export function startTaskClocks(
  terms: NormTerms | undefined,
  start: number | null,
  openedAt: number,
  data: CaseData,
  calendar: HolidayCalendar,
): TaskClocks {
  if (!terms) return {};
  const atw = terms.atw ?? false;
  const clocks: TaskClocks = {};
  if (terms.claim) clocks.claimDueAt = dueDate(openedAt, clockTerm(terms.claim, atw), calendar);
  const date = terms.anchor ? anchorDate(terms.anchor, data) : null;
  if (start === null || (terms.anchor && date === null)) return clocks;
  const due = terms.anchor && date ? anchoredDue(terms, terms.anchor, date, calendar) : undefined;
  const begin = (duration: Duration, dueAt: number | undefined) => {
    const clock = startClock(start, clockTerm(duration, atw));
    const anchored =
      due && dueAt !== undefined
        ? anchorClock(clock, { at: start, dueAt, reason: due.reason })
        : clock;
    return anchored as ClockSnapshot;
  };
  if (terms.target) clocks.target = begin(terms.target, due?.target);
  if (terms.escalation) clocks.escalation = begin(terms.escalation, due?.escalation);
  return clocks;
}

/**
 * The clocks after the date their norm is anchored to changed at `now`: they move to the due date
 * the new date gives, start when the date was missing, and clear when it is gone. Signals that had
 * gone out may go out again when the due date moved later, as after an extension.
 */
export function followAnchorDate(
  clocks: TaskClocks,
  terms: NormTerms,
  anchor: NormAnchor,
  data: CaseData,
  now: number,
  calendar: HolidayCalendar,
): TaskClocks {
  const { target: _target, escalation: _escalation, ...kept } = clocks;
  const date = anchorDate(anchor, data);
  const cleared = { ...kept, warned: false, overdue: false, escalated: false };
  if (date === null) return cleared;
  if (!clocks.target && !clocks.escalation) {
    return {
      ...cleared,
      ...startTaskClocks({ ...terms, claim: undefined }, now, now, data, calendar),
    };
  }
  const before = readClocks(clocks, now, calendar).dueAt;
  const due = anchoredDue(terms, anchor, date, calendar);
  const move = (clock: ClockSnapshot | undefined, dueAt: number | undefined) =>
    clock && dueAt !== undefined
      ? (anchorClock(clock as NormClock, { at: now, dueAt, reason: due.reason }) as ClockSnapshot)
      : clock;
  const moved: TaskClocks = {
    ...clocks,
    target: move(clocks.target, due.target),
    escalation: move(clocks.escalation, due.escalation),
  };
  const later = (readClocks(moved, now, calendar).dueAt ?? 0) > (before ?? 0);
  return later ? { ...moved, warned: false, overdue: false, escalated: false } : moved;
}

/** Current due instants of a task's clocks. */
export function readClocks(
  clocks: TaskClocks,
  now: number,
  calendar: HolidayCalendar,
): ClockReading {
  const target = clocks.target ? clockStatus(clocks.target as NormClock, now, calendar) : undefined;
  const escalation = clocks.escalation
    ? clockStatus(clocks.escalation as NormClock, now, calendar)
    : undefined;
  return {
    dueAt: target?.dueAt ?? null,
    escalationAt: escalation?.dueAt ?? null,
    suspended: target?.state === 'suspended',
    suspendedMs: target?.suspendedMs ?? escalation?.suspendedMs ?? 0,
  };
}

/** Signals due at or before `now` that have not gone out yet, in the order they matter. */
export function dueSignals(
  clocks: TaskClocks,
  claimed: boolean,
  now: number,
  calendar: HolidayCalendar,
  warningFraction: number,
): ClockSignal[] {
  return pendingSignals(clocks, claimed, now, calendar, warningFraction)
    .filter((pending) => pending.at <= now)
    .map((pending) => pending.signal);
}

/** The earliest instant at which one of this task's clocks will signal, or null. */
export function nextSignalAt(
  clocks: TaskClocks,
  claimed: boolean,
  now: number,
  calendar: HolidayCalendar,
  warningFraction: number,
): number | null {
  const instants = pendingSignals(clocks, claimed, now, calendar, warningFraction).map(
    (pending) => pending.at,
  );
  return instants.length ? Math.min(...instants) : null;
}

function pendingSignals(
  clocks: TaskClocks,
  claimed: boolean,
  now: number,
  calendar: HolidayCalendar,
  warningFraction: number,
): { signal: ClockSignal; at: number }[] {
  const pending: { signal: ClockSignal; at: number }[] = [];
  if (clocks.target) {
    const status = clockStatus(clocks.target as NormClock, now, calendar, { warningFraction });
    if (status.state !== 'suspended') {
      // A clock already past its due date skips the warning and goes straight to overdue.
      if (!clocks.warned && !clocks.overdue && status.warningAt < status.dueAt) {
        pending.push({ signal: 'warning', at: status.warningAt });
      }
      if (!clocks.overdue) pending.push({ signal: 'overdue', at: status.dueAt });
    }
  }
  if (clocks.escalation && !clocks.escalated) {
    const status = clockStatus(clocks.escalation as NormClock, now, calendar);
    if (status.state !== 'suspended') pending.push({ signal: 'escalation', at: status.dueAt });
  }
  if (clocks.claimDueAt !== undefined && !claimed && !clocks.claimEscalated) {
    pending.push({ signal: 'claim', at: clocks.claimDueAt });
  }
  return pending.sort((a, b) => a.at - b.at);
}

export function suspendTaskClocks(clocks: TaskClocks, now: number, reason: string): TaskClocks {
  return {
    ...clocks,
    ...(clocks.target
      ? { target: suspendClock(clocks.target as NormClock, now, reason) as ClockSnapshot }
      : {}),
    ...(clocks.escalation
      ? { escalation: suspendClock(clocks.escalation as NormClock, now, reason) as ClockSnapshot }
      : {}),
  };
}

export function resumeTaskClocks(clocks: TaskClocks, now: number): TaskClocks {
  return {
    ...clocks,
    ...(clocks.target
      ? { target: resumeClock(clocks.target as NormClock, now) as ClockSnapshot }
      : {}),
    ...(clocks.escalation
      ? { escalation: resumeClock(clocks.escalation as NormClock, now) as ClockSnapshot }
      : {}),
  };
}

/**
 * Moves the target to `dueAt` and the escalation threshold by the same amount, so the room
 * between them stays what the partners agreed; signals that had gone out may go out again.
 */
export function extendTaskClocks(
  clocks: TaskClocks,
  dueAt: number,
  now: number,
  reason: string,
  calendar: HolidayCalendar,
): TaskClocks {
  if (!clocks.target) return clocks;
  const before = readClocks(clocks, now, calendar);
  const shift = dueAt - (before.dueAt ?? dueAt);
  const target = extendClock(clocks.target as NormClock, {
    dueAt,
    reason,
    at: now,
  }) as ClockSnapshot;
  const escalationDue =
    before.escalationAt === null ? null : Math.max(before.escalationAt + shift, dueAt);
  const escalation =
    clocks.escalation && escalationDue !== null
      ? (extendClock(clocks.escalation as NormClock, {
          dueAt: escalationDue,
          reason,
          at: now,
        }) as ClockSnapshot)
      : clocks.escalation;
  return { ...clocks, target, escalation, warned: false, overdue: false, escalated: false };
}
