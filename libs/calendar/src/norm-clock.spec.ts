import fc from 'fast-check';
import { endOfAmsterdamDay } from './amsterdam-time';
import { dueDate } from './due-date';
import { HolidayCalendar } from './holiday-calendar';
import { type Norm } from './norm';
import {
  anchorClock,
  clockStatus,
  extendClock,
  type NormClock,
  resumeClock,
  startClock,
  stopClock,
  suspendClock,
  withinNorm,
} from './norm-clock';
import { NormClockError, type NormClockErrorCode } from './norm-clock-error';

const calendar = new HolidayCalendar();
const at = (local: string) => Date.parse(`${local}+02:00`); // June 2024 is summer time
const endOf = endOfAmsterdamDay;
const HOUR = 3_600_000;
const fiveWorkingDays: Norm = { amount: 5, unit: 'workingDays', atw: false };
const started = startClock(at('2024-06-03T10:00:00'), fiveWorkingDays); // Monday

function expectRefused(action: () => unknown, code: NormClockErrorCode): void {
  let error: unknown;
  try {
    action();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(NormClockError);
  expect((error as NormClockError).code).toBe(code);
}

describe('norm clock', () => {
  it('runs to the due date of its norm and warns at 75% of the whole days', () => {
    const status = clockStatus(started, at('2024-06-04T12:00:00'), calendar);
    expect(status).toEqual({
      state: 'running',
      dueAt: endOf('2024-06-10'),
      warningAt: endOf('2024-06-06'), // floor(0.75 × 5) = 3 working days
      breached: false,
      suspendedMs: 0,
      activeMs: 26 * HOUR,
    });
    expect(
      clockStatus(started, at('2024-06-04T12:00:00'), calendar, { warningFraction: 0.5 }).warningAt,
    ).toBe(endOf('2024-06-05'));
  });

  it('is breached after the due date', () => {
    expect(clockStatus(started, endOf('2024-06-10'), calendar).state).toBe('running');
    const status = clockStatus(started, endOf('2024-06-10') + 1, calendar);
    expect(status.state).toBe('breached');
    expect(status.breached).toBe(true);
  });

  describe('suspension', () => {
    const suspended = suspendClock(started, at('2024-06-04T09:00:00'), 'waiting for the client');
    const resumed = resumeClock(suspended, at('2024-06-06T15:00:00'));

    it('pushes the due date by the working days it crossed into and keeps the paused time apart', () => {
      const status = clockStatus(resumed, at('2024-06-07T10:00:00'), calendar);
      expect(status.state).toBe('running');
      expect(status.dueAt).toBe(endOf('2024-06-12')); // Wed and Thu were paused
      expect(status.warningAt).toBe(endOf('2024-06-10'));
      expect(status.suspendedMs).toBe(54 * HOUR);
      expect(status.activeMs).toBe(4 * 24 * HOUR - 54 * HOUR);
    });

    it('shows a provisional due date while suspended', () => {
      const status = clockStatus(suspended, at('2024-06-05T12:00:00'), calendar);
      expect(status.state).toBe('suspended');
      expect(status.dueAt).toBe(endOf('2024-06-11'));
      expect(status.suspendedMs).toBe(27 * HOUR);
    });

    it('does not move the due date for a pause within one day', () => {
      const clock = resumeClock(
        suspendClock(started, at('2024-06-04T09:00:00'), 'waiting for another partner'),
        at('2024-06-04T17:00:00'),
      );
      const status = clockStatus(clock, at('2024-06-05T09:00:00'), calendar);
      expect(status.dueAt).toBe(endOf('2024-06-10'));
      expect(status.suspendedMs).toBe(8 * HOUR);
    });

    it('does not undo a breach when it starts after the due date', () => {
      const late = suspendClock(started, at('2024-06-11T10:00:00'), 'waiting for the client');
      const status = clockStatus(late, at('2024-06-12T10:00:00'), calendar);
      expect(status.state).toBe('suspended');
      expect(status.breached).toBe(true);
      expect(status.dueAt).toBe(endOf('2024-06-10'));
    });

    it('applies Atw art. 1 after shifting a calendar-day term', () => {
      const norm: Norm = { amount: 14, unit: 'calendarDays', atw: true };
      const clock = resumeClock(
        suspendClock(
          startClock(at('2024-12-10T10:00:00'), norm),
          at('2024-12-11T10:00:00'),
          'client',
        ),
        at('2024-12-12T10:00:00'),
      );
      expect(clockStatus(clock, at('2024-12-13T10:00:00'), calendar).dueAt).toBe(
        endOf('2024-12-27'),
      );
    });

    it('shifts an hours norm by the exact paused time', () => {
      const clock = resumeClock(
        suspendClock(
          startClock(at('2024-06-03T10:00:00'), { amount: 48, unit: 'hours', atw: false }),
          at('2024-06-03T12:00:00'),
          'client',
        ),
        at('2024-06-03T18:00:00'),
      );
      const status = clockStatus(clock, at('2024-06-04T10:00:00'), calendar);
      expect(status.dueAt).toBe(at('2024-06-05T16:00:00'));
      expect(status.warningAt).toBe(at('2024-06-05T04:00:00'));
    });
  });

  describe('extension', () => {
    const extended = extendClock(started, {
      at: at('2024-06-07T12:00:00'),
      dueAt: endOf('2024-06-20'),
      reason: 'Awb 4:14 extension',
    });

    it('replaces the due date and warns at the fraction of the extension period', () => {
      const status = clockStatus(extended, at('2024-06-11T10:00:00'), calendar);
      expect(status.state).toBe('extended');
      expect(status.dueAt).toBe(endOf('2024-06-20'));
      expect(status.breached).toBe(false);
      const granted = at('2024-06-07T12:00:00');
      expect(status.warningAt).toBe(granted + Math.floor(0.75 * (endOf('2024-06-20') - granted)));
      expect(clockStatus(extended, at('2024-06-07T11:00:00'), calendar).state).toBe('running');
    });

    it('is pushed out by later suspensions', () => {
      const clock = resumeClock(
        suspendClock(extended, at('2024-06-12T09:00:00'), 'client'),
        at('2024-06-13T09:00:00'),
      );
      expect(clockStatus(clock, at('2024-06-14T09:00:00'), calendar).dueAt).toBe(
        endOf('2024-06-21'),
      );
    });

    it('is pushed out by the part of a suspension after it was granted', () => {
      const suspended = suspendClock(started, at('2024-06-06T09:00:00'), 'client');
      const clock = resumeClock(
        extendClock(suspended, {
          at: at('2024-06-07T12:00:00'),
          dueAt: endOf('2024-06-20'),
          reason: 'r',
        }),
        at('2024-06-11T09:00:00'),
      );
      // Mon 10 and Tue 11 June were paused after the extension.
      expect(clockStatus(clock, at('2024-06-12T09:00:00'), calendar).dueAt).toBe(
        endOf('2024-06-24'),
      );
    });
    it('shifts an extended calendar-day or hours norm in its own unit', () => {
      const pause = (clock: NormClock) =>
        resumeClock(
          suspendClock(clock, at('2024-06-12T09:00:00'), 'client'),
          at('2024-06-13T09:00:00'),
        );
      const extension = { at: at('2024-06-07T12:00:00'), dueAt: endOf('2024-06-21'), reason: 'r' };
      const days = startClock(at('2024-06-03T10:00:00'), {
        amount: 5,
        unit: 'calendarDays',
        atw: true,
      });
      const hours = startClock(at('2024-06-03T10:00:00'), { amount: 5, unit: 'hours', atw: false });
      // Fri 21 + 1 day = Saturday, moved to Monday by art. 1.
      expect(
        clockStatus(pause(extendClock(days, extension)), at('2024-06-14T09:00:00'), calendar).dueAt,
      ).toBe(endOf('2024-06-24'));
      expect(
        clockStatus(pause(extendClock(hours, extension)), at('2024-06-14T09:00:00'), calendar)
          .dueAt,
      ).toBe(endOf('2024-06-21') + 24 * HOUR);
    });
  });

  describe('date anchor', () => {
    // Opened Monday 3 June; the due date comes from a date in the case.
    const anchored = anchorClock(started, {
      at: started.startedAt,
      dueAt: endOf('2024-06-14'),
      reason: 'release-date',
    });

    it('replaces the norm counted from the start, without counting as an extension', () => {
      const status = clockStatus(anchored, at('2024-06-04T10:00:00'), calendar);
      expect(status.state).toBe('running');
      expect(status.dueAt).toBe(endOf('2024-06-14'));
      const span = endOf('2024-06-14') - started.startedAt;
      expect(status.warningAt).toBe(started.startedAt + Math.floor(0.75 * span));
    });

    it('moves when the date changes, and may lie in the past: breached at once, no warning', () => {
      const moved = anchorClock(anchored, {
        at: at('2024-06-05T10:00:00'),
        dueAt: endOf('2024-06-04'),
        reason: 'release-date',
      });
      const status = clockStatus(moved, at('2024-06-05T10:00:00'), calendar);
      expect(status.state).toBe('breached');
      expect(status.dueAt).toBe(endOf('2024-06-04'));
      expect(status.warningAt).toBe(status.dueAt);
      // Until the move, the first date held.
      expect(clockStatus(moved, at('2024-06-05T09:00:00'), calendar).dueAt).toBe(
        endOf('2024-06-14'),
      );
    });

    it('is pushed out by suspensions after it, and replaced by an extension after it', () => {
      const paused = resumeClock(
        suspendClock(anchored, at('2024-06-07T16:00:00'), 'client'),
        at('2024-06-10T09:00:00'),
      );
      expect(clockStatus(paused, at('2024-06-10T10:00:00'), calendar).dueAt).toBe(
        endOf('2024-06-17'),
      );
      const extended = extendClock(anchored, {
        at: at('2024-06-10T10:00:00'),
        dueAt: endOf('2024-06-21'),
        reason: 'r',
      });
      expect(clockStatus(extended, at('2024-06-11T10:00:00'), calendar)).toMatchObject({
        state: 'extended',
        dueAt: endOf('2024-06-21'),
      });
      // A date that changes after the extension sets the due date again.
      const reanchored = anchorClock(extended, {
        at: at('2024-06-12T10:00:00'),
        dueAt: endOf('2024-06-19'),
        reason: 'release-date',
      });
      expect(clockStatus(reanchored, at('2024-06-12T11:00:00'), calendar).dueAt).toBe(
        endOf('2024-06-19'),
      );
    });

    it('yields to an extension granted at the same instant', () => {
      const extended = extendClock(anchored, {
        at: started.startedAt,
        dueAt: endOf('2024-06-28'),
        reason: 'r',
      });
      expect(clockStatus(extended, at('2024-06-04T10:00:00'), calendar).dueAt).toBe(
        endOf('2024-06-28'),
      );
    });

    it('is refused out of order or without a reason', () => {
      expectRefused(
        () => anchorClock(anchored, { at: started.startedAt - 1, dueAt: 0, reason: 'r' }),
        'OUT_OF_ORDER',
      );
      expectRefused(
        () => anchorClock(anchored, { at: at('2024-06-05T10:00:00'), dueAt: 0, reason: ' ' }),
        'REASON_REQUIRED',
      );
    });
  });

  describe('stop', () => {
    it('freezes the clock and tells whether the norm was met', () => {
      const onTime = stopClock(started, endOf('2024-06-10'));
      const late = stopClock(started, endOf('2024-06-10') + 1);
      expect(withinNorm(onTime, endOf('2024-06-10'), calendar)).toBe(true);
      expect(withinNorm(late, endOf('2024-06-10') + 1, calendar)).toBe(false);
      const status = clockStatus(onTime, at('2024-07-01T10:00:00'), calendar);
      expect(status).toMatchObject({
        state: 'stopped',
        breached: false,
        dueAt: endOf('2024-06-10'),
      });
      expect(clockStatus(late, at('2024-07-01T10:00:00'), calendar).breached).toBe(true);
    });

    it('counts suspensions and extensions in withinNorm', () => {
      const clock = resumeClock(
        suspendClock(started, at('2024-06-04T09:00:00'), 'client'),
        at('2024-06-06T15:00:00'),
      );
      expect(withinNorm(clock, at('2024-06-12T20:00:00'), calendar)).toBe(true);
      expect(withinNorm(started, at('2024-06-12T20:00:00'), calendar)).toBe(false);
    });

    it('ends an open suspension at the stop', () => {
      const clock = stopClock(
        suspendClock(started, at('2024-06-04T09:00:00'), 'client'),
        at('2024-06-04T11:00:00'),
      );
      expect(clock.suspensions).toEqual([
        { from: at('2024-06-04T09:00:00'), to: at('2024-06-04T11:00:00'), reason: 'client' },
      ]);
      expect(clockStatus(clock, at('2024-06-05T00:00:00'), calendar).suspendedMs).toBe(2 * HOUR);
    });
  });

  it('reads history as of an earlier instant', () => {
    const clock = resumeClock(
      suspendClock(started, at('2024-06-04T09:00:00'), 'client'),
      at('2024-06-06T15:00:00'),
    );
    expect(clockStatus(clock, at('2024-06-04T08:00:00'), calendar).dueAt).toBe(endOf('2024-06-10'));
  });

  describe('refused transitions', () => {
    const suspended = suspendClock(started, at('2024-06-04T09:00:00'), 'client');

    it.each<[string, () => unknown, NormClockErrorCode]>([
      [
        'suspend twice',
        () => suspendClock(suspended, at('2024-06-04T10:00:00'), 'again'),
        'ALREADY_SUSPENDED',
      ],
      [
        'resume a running clock',
        () => resumeClock(started, at('2024-06-04T10:00:00')),
        'NOT_SUSPENDED',
      ],
      [
        'extend to a date before the extension',
        () =>
          extendClock(started, {
            at: at('2024-06-07T12:00:00'),
            dueAt: at('2024-06-07T11:00:00'),
            reason: 'r',
          }),
        'EXTENSION_NOT_IN_FUTURE',
      ],
      [
        'extend to the very moment of the extension',
        () =>
          extendClock(started, {
            at: at('2024-06-07T12:00:00'),
            dueAt: at('2024-06-07T12:00:00'),
            reason: 'r',
          }),
        'EXTENSION_NOT_IN_FUTURE',
      ],
      [
        'change a stopped clock',
        () =>
          suspendClock(
            stopClock(started, at('2024-06-05T10:00:00')),
            at('2024-06-06T10:00:00'),
            'r',
          ),
        'CLOCK_STOPPED',
      ],
      [
        'stop twice',
        () => stopClock(stopClock(started, at('2024-06-05T10:00:00')), at('2024-06-06T10:00:00')),
        'CLOCK_STOPPED',
      ],
      [
        'act before the start',
        () => suspendClock(started, at('2024-06-03T09:00:00'), 'r'),
        'OUT_OF_ORDER',
      ],
      [
        'resume before the suspension',
        () => resumeClock(suspended, at('2024-06-04T08:00:00')),
        'OUT_OF_ORDER',
      ],
      [
        'suspend without a reason',
        () => suspendClock(started, at('2024-06-04T10:00:00'), '  '),
        'REASON_REQUIRED',
      ],
    ])('refuses to %s', (_name, action, code) => {
      expectRefused(action, code);
    });

    it('refuses invalid norms, instants and warning fractions', () => {
      expect(() => startClock(Number.NaN, fiveWorkingDays)).toThrow(RangeError);
      expect(() => startClock(0, { ...fiveWorkingDays, amount: -1 })).toThrow(RangeError);
      expect(() =>
        clockStatus(started, at('2024-06-04T10:00:00'), calendar, { warningFraction: 2 }),
      ).toThrow(RangeError);
    });
  });

  it('never moves the due date earlier through suspensions (property)', () => {
    const base = at('2024-01-08T09:00:00');
    const norm = fc.record({
      amount: fc.integer({ min: 0, max: 40 }),
      unit: fc.constantFrom<Norm['unit']>('workingDays', 'calendarDays', 'hours'),
      atw: fc.boolean(),
    });
    const gaps = fc.array(fc.integer({ min: 1, max: 5 * 24 * HOUR }), { maxLength: 8 });
    fc.assert(
      fc.property(norm, gaps, (n, steps) => {
        let clock: NormClock = startClock(base, n);
        let time = base;
        steps.forEach((gap, i) => {
          time += gap;
          clock = i % 2 === 0 ? suspendClock(clock, time, 'r') : resumeClock(clock, time);
        });
        const status = clockStatus(clock, time, calendar);
        expect(status.dueAt).toBeGreaterThanOrEqual(dueDate(base, n, calendar));
        expect(status.warningAt).toBeLessThanOrEqual(status.dueAt);
        expect(status.suspendedMs + status.activeMs).toBe(time - base);
        expect(clockStatus(startClock(base, n), time, calendar).dueAt).toBe(
          dueDate(base, n, calendar),
        );
      }),
    );
  });
});
