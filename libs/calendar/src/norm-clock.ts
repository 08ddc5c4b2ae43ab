import { type EpochMs } from './amsterdam-time';
import { mergeWithin, measure, shiftDue, termEnd } from './due-date';
import { HolidayCalendar } from './holiday-calendar';
import { assertValidNorm, type Norm } from './norm';
import { NormClockError } from './norm-clock-error';

/** A period in which the clock did not run, e.g. waiting for the client or another partner. */
export interface Suspension {
  readonly from: EpochMs;
  /** Undefined while the clock is still suspended. */
  readonly to?: EpochMs;
  readonly reason: string;
}

/** A new due date granted at `at`, replacing the previous one. */
export interface Extension {
  readonly dueAt: EpochMs;
  readonly reason: string;
  readonly at: EpochMs;
}

/**
 * A due instant fixed at `at` from a date in the case (a term counted from or back to it) instead
 * of the norm counted from the clock's start. Like an extension it replaces the due date before it,
 * and suspensions after it push it out; unlike one it may lie in the past (the clock is then
 * breached at once) and is no extension granted. A later anchor (the date changed) replaces it.
 */
export interface DateAnchor {
  readonly dueAt: EpochMs;
  readonly reason: string;
  readonly at: EpochMs;
}

/**
 * The append-only history of one clock (a task's target or escalation threshold, or a
 * case norm). Plain JSON-safe data: keep it in workflow state or a database row and
 * derive everything else with {@link clockStatus}.
 */
export interface NormClock {
  readonly startedAt: EpochMs;
  readonly norm: Norm;
  readonly suspensions: readonly Suspension[];
  readonly extensions: readonly Extension[];
  /** Due instants from a date in the case; absent for a norm counted from its start event. */
  readonly anchors?: readonly DateAnchor[];
  readonly stoppedAt?: EpochMs;
}

export type ClockState = 'running' | 'suspended' | 'extended' | 'breached' | 'stopped';

/** What a clock looks like at one instant. */
export interface ClockStatus {
  /** stopped, else suspended, else breached, else extended, else running. */
  readonly state: ClockState;
  /** Current due instant; while suspended, the due instant if the clock resumed now. */
  readonly dueAt: EpochMs;
  /** When the early warning is due; never after `dueAt`. */
  readonly warningAt: EpochMs;
  /** Whether the due instant had passed (at the stop, for a stopped clock). Also true while suspended after a breach. */
  readonly breached: boolean;
  /** Wall-clock time suspended since the start. */
  readonly suspendedMs: number;
  /** Wall-clock time running since the start: elapsed less suspended. */
  readonly activeMs: number;
}

/** Options of {@link clockStatus}. */
export interface ClockStatusOptions {
  /** Fraction of the term after which the early warning is due; default 0.75. */
  readonly warningFraction?: number;
}

const DEFAULT_WARNING_FRACTION = 0.75;

/** A new running clock. @throws RangeError for an invalid norm or instant. */
export function startClock(startedAt: EpochMs, norm: Norm): NormClock {
  assertInstant(startedAt);
  assertValidNorm(norm);
  return { startedAt, norm, suspensions: [], extensions: [] };
}

/** Suspends a running clock from `at`. */
export function suspendClock(clock: NormClock, at: EpochMs, reason: string): NormClock {
  assertCanChange(clock, at, reason);
  if (openSuspension(clock)) {
    throw new NormClockError('ALREADY_SUSPENDED', 'The clock is already suspended');
  }
  return { ...clock, suspensions: [...clock.suspensions, { from: at, reason }] };
}

/** Resumes a suspended clock at `at`. */
export function resumeClock(clock: NormClock, at: EpochMs): NormClock {
  assertCanChange(clock, at);
  const open = openSuspension(clock);
  if (!open) throw new NormClockError('NOT_SUSPENDED', 'The clock is not suspended');
  return { ...clock, suspensions: [...clock.suspensions.slice(0, -1), { ...open, to: at }] };
}

/**
 * Grants a new due date. The extension replaces the current due date, including an
 * earlier extension; suspensions after `at` push it out again.
 */
export function extendClock(clock: NormClock, extension: Extension): NormClock {
  assertCanChange(clock, extension.at, extension.reason);
  assertInstant(extension.dueAt);
  if (extension.dueAt <= extension.at) {
    throw new NormClockError(
      'EXTENSION_NOT_IN_FUTURE',
      'An extension must set a due date after the moment it is granted',
    );
  }
  return { ...clock, extensions: [...clock.extensions, extension] };
}

/**
 * Fixes the due date from a date in the case at `anchor.at`: when the clock starts on a norm
 * anchored to a date, and again each time that date changes.
 */
export function anchorClock(clock: NormClock, anchor: DateAnchor): NormClock {
  assertCanChange(clock, anchor.at, anchor.reason);
  assertInstant(anchor.dueAt);
  return { ...clock, anchors: [...(clock.anchors ?? []), anchor] };
}

/** Stops the clock (task done or cancelled); an open suspension ends at the same instant. */
export function stopClock(clock: NormClock, at: EpochMs): NormClock {
  assertCanChange(clock, at);
  const open = openSuspension(clock);
  const suspensions = open
    ? [...clock.suspensions.slice(0, -1), { ...open, to: at }]
    : clock.suspensions;
  return { ...clock, suspensions, stoppedAt: at };
}

/**
 * The clock as it stood at instant `at` (events after `at` are ignored; a stopped clock
 * is frozen at its stop).
 *
 * Suspension: a suspension that starts on or before the current due instant pushes the
 * due instant out by its length in the norm's unit: exact milliseconds for hours, the
 * number of (working) day boundaries it crosses for day norms. A suspension inside one
 * day thus moves nothing, and one from Friday to Monday moves a working-day norm by one
 * working day. A suspension that starts after the due instant does not undo the breach.
 *
 * Warning: at `floor(fraction × amount)` days (exact for hours) into the term, without the
 * Atw (it is not a statutory term), pushed out by suspensions like the due date; after an
 * extension or a date anchor, at that fraction of the wall-clock time from then to the new due
 * date (at once, so no warning before the overdue signal, when that lies in the past).
 */
export function clockStatus(
  clock: NormClock,
  at: EpochMs,
  calendar: HolidayCalendar,
  options: ClockStatusOptions = {},
): ClockStatus {
  const fraction = options.warningFraction ?? DEFAULT_WARNING_FRACTION;
  if (!(fraction >= 0 && fraction <= 1)) {
    throw new RangeError(`Warning fraction must be between 0 and 1, got ${fraction}`);
  }
  const { norm, startedAt } = clock;
  const asOf = Math.max(
    startedAt,
    clock.stoppedAt === undefined ? at : Math.min(at, clock.stoppedAt),
  );
  const warningNorm: Norm = {
    unit: norm.unit,
    amount: norm.unit === 'hours' ? norm.amount * fraction : Math.floor(norm.amount * fraction),
    atw: false,
  };
  let dueFor = (p: number) => termEnd(startedAt, norm, calendar, p);
  let warningFor = (p: number) => termEnd(startedAt, warningNorm, calendar, p);
  let paused = 0;
  let dueAt = dueFor(paused);
  for (const event of history(clock, asOf)) {
    if ('dueAt' in event) {
      // An extension or a date anchor: a new due date from `at` on.
      const { dueAt: newDue, at: setAt } = event;
      const newWarning = setAt + Math.floor(fraction * Math.max(0, newDue - setAt));
      dueFor = (p) => shiftDue(newDue, norm, calendar, p);
      warningFor = (p) => shiftDue(newWarning, norm, calendar, p);
      paused = 0;
    } else if (event.from <= dueAt) {
      paused += measure(event.from, event.to, norm.unit, calendar);
    }
    dueAt = dueFor(paused);
  }

  const suspendedMs = mergeWithin(clock.suspensions, startedAt, asOf).reduce(
    (sum, pause) => sum + pause.to - pause.from,
    0,
  );
  const breached = asOf > dueAt;
  return {
    state: stateAt(clock, at, breached),
    dueAt,
    warningAt: Math.min(warningFor(paused), dueAt),
    breached,
    suspendedMs,
    activeMs: asOf - startedAt - suspendedMs,
  };
}

/** Whether work completed at `completedAt` met the norm, suspensions and extensions included. */
export function withinNorm(
  clock: NormClock,
  completedAt: EpochMs,
  calendar: HolidayCalendar,
): boolean {
  return !clockStatus(clock, completedAt, calendar).breached;
}

type ClockEvent = Required<Suspension> | Extension | DateAnchor;

/**
 * Suspensions (closed at `asOf`), extensions and date anchors up to `asOf`, in the order they
 * happened. A suspension spanning a new due date is split there, so its remainder pushes out the
 * new due date; on a tie the new due date comes first for the same reason. An extension granted
 * at the instant a date set the due date (the clock's start, say) is granted against it: it wins.
 */
function history(clock: NormClock, asOf: EpochMs): ClockEvent[] {
  const extensions = [...(clock.anchors ?? []), ...clock.extensions].filter(
    (extension) => extension.at <= asOf,
  );
  const cuts = extensions.map((extension) => extension.at);
  const suspensions = clock.suspensions
    .filter((suspension) => suspension.from <= asOf)
    .flatMap((suspension) =>
      splitAt({ ...suspension, to: Math.min(suspension.to ?? asOf, asOf) }, cuts),
    );
  const time = (event: ClockEvent) => ('dueAt' in event ? event.at : event.from);
  // The sort is stable: anchors, then extensions, then suspensions at one instant.
  const rank = (event: ClockEvent) => ('dueAt' in event ? 0 : 1);
  return [...extensions, ...suspensions].sort((a, b) => time(a) - time(b) || rank(a) - rank(b));
}

function splitAt(
  suspension: Required<Suspension>,
  cuts: readonly EpochMs[],
): Required<Suspension>[] {
  const inside = cuts
    .filter((cut) => cut > suspension.from && cut < suspension.to)
    .sort((a, b) => a - b);
  const bounds = [suspension.from, ...inside, suspension.to];
  return bounds.slice(1).map((to, i) => ({ ...suspension, from: bounds[i], to }));
}

function stateAt(clock: NormClock, at: EpochMs, breached: boolean): ClockState {
  if (clock.stoppedAt !== undefined && clock.stoppedAt <= at) return 'stopped';
  const suspended = clock.suspensions.some(
    (s) => s.from <= at && (s.to === undefined || s.to > at),
  );
  if (suspended) return 'suspended';
  if (breached) return 'breached';
  if (clock.extensions.some((extension) => extension.at <= at)) return 'extended';
  return 'running';
}

function openSuspension(clock: NormClock): Suspension | undefined {
  const last = clock.suspensions[clock.suspensions.length - 1];
  return last && last.to === undefined ? last : undefined;
}

/** Transitions are appended in time order to a clock that has not stopped. */
function assertCanChange(clock: NormClock, at: EpochMs, reason?: string): void {
  assertInstant(at);
  if (clock.stoppedAt !== undefined)
    throw new NormClockError('CLOCK_STOPPED', 'The clock has stopped');
  if (at < lastEventAt(clock)) {
    throw new NormClockError(
      'OUT_OF_ORDER',
      'A clock event cannot precede the start or an earlier event',
    );
  }
  if (reason !== undefined && reason.trim() === '') {
    throw new NormClockError('REASON_REQUIRED', 'A suspension or extension needs a reason');
  }
}

function lastEventAt(clock: NormClock): EpochMs {
  return Math.max(
    clock.startedAt,
    ...clock.suspensions.map((s) => s.to ?? s.from),
    ...clock.extensions.map((e) => e.at),
    ...(clock.anchors ?? []).map((anchor) => anchor.at),
  );
}

function assertInstant(instant: EpochMs): void {
  if (!Number.isFinite(instant)) throw new RangeError(`Not an instant: ${instant}`);
}
