import fc from 'fast-check';
import { endOfAmsterdamDay, toAmsterdamDate } from './amsterdam-time';
import { dueDate, dueFromDate, elapsedInUnit, workingDaysBetween } from './due-date';
import { HolidayCalendar } from './holiday-calendar';
import { type Norm } from './norm';

const calendar = new HolidayCalendar();
const at = (iso: string) => Date.parse(iso);
const endOf = endOfAmsterdamDay;
const workingDays = (amount: number): Norm => ({ amount, unit: 'workingDays', atw: false });
const calendarDays = (amount: number, atw: boolean): Norm => ({
  amount,
  unit: 'calendarDays',
  atw,
});
const hours = (amount: number): Norm => ({ amount, unit: 'hours', atw: true });

describe('dueDate', () => {
  describe('working days', () => {
    it('counts working days after the start day and ends at the end of the last one', () => {
      // Wed 27 Mar 2024: Thu counts, Goede Vrijdag, weekend and Tweede Paasdag do not.
      expect(dueDate(at('2024-03-27T10:00:00+01:00'), workingDays(3), calendar)).toBe(
        endOf('2024-04-03'),
      );
      expect(dueDate(at('2024-06-03T16:00:00+02:00'), workingDays(5), calendar)).toBe(
        at('2024-06-10T23:59:59.999+02:00'),
      );
    });

    it('uses the Dutch date of the start, not the UTC one', () => {
      // 23:30 on Friday in Amsterdam is still Friday; in UTC it is 21:30.
      expect(dueDate(at('2024-06-07T23:30:00+02:00'), workingDays(1), calendar)).toBe(
        endOf('2024-06-10'),
      );
      // 00:30 on Saturday Amsterdam is Friday 22:30 UTC; the term starts on Saturday.
      expect(dueDate(at('2024-06-08T00:30:00+02:00'), workingDays(1), calendar)).toBe(
        endOf('2024-06-10'),
      );
    });

    it('ends a zero-day term on the first working day on or after the start day', () => {
      expect(dueDate(at('2024-12-24T09:00:00+01:00'), workingDays(0), calendar)).toBe(
        endOf('2024-12-24'),
      );
      expect(dueDate(at('2024-12-25T09:00:00+01:00'), workingDays(0), calendar)).toBe(
        endOf('2024-12-27'),
      );
    });

    it('crosses a summer-time switch at the end of the Dutch day', () => {
      expect(dueDate(at('2024-10-24T12:00:00+02:00'), workingDays(2), calendar)).toBe(
        at('2024-10-28T23:59:59.999+01:00'),
      );
    });
  });

  describe('calendar days without the Atw', () => {
    it('ends at the end of the n-th day, weekend or not', () => {
      expect(dueDate(at('2024-06-05T10:00:00+02:00'), calendarDays(10, false), calendar)).toBe(
        endOf('2024-06-15'),
      );
      expect(dueDate(at('2024-12-24T10:00:00+01:00'), calendarDays(3, false), calendar)).toBe(
        endOf('2024-12-27'),
      );
    });
  });

  describe('Atw art. 1', () => {
    it('moves an end on a Saturday to the Monday', () => {
      expect(dueDate(at('2024-06-05T10:00:00+02:00'), calendarDays(10, true), calendar)).toBe(
        endOf('2024-06-17'),
      );
    });

    it('moves an end on Goede Vrijdag past the weekend and Tweede Paasdag', () => {
      expect(dueDate(at('2024-03-19T10:00:00+01:00'), calendarDays(10, true), calendar)).toBe(
        endOf('2024-04-02'),
      );
    });

    it('moves an end on Koningsdag 26 April 2025 (27 April is a Sunday) to the Monday', () => {
      expect(dueDate(at('2025-04-12T10:00:00+02:00'), calendarDays(14, true), calendar)).toBe(
        endOf('2025-04-28'),
      );
    });

    it('moves an end on 5 May in a non-lustrum year', () => {
      // 2026-05-05 is a Tuesday.
      expect(dueDate(at('2026-04-21T10:00:00+02:00'), calendarDays(14, true), calendar)).toBe(
        endOf('2026-05-06'),
      );
    });

    it('skips decree days from the configuration', () => {
      const start = at('2027-04-21T10:00:00+02:00'); // + 14 days = Wed 5 May 2027
      const decree = new HolidayCalendar({ extraDays: { 2027: ['2027-05-07'] } });
      expect(dueDate(start, calendarDays(14, true), calendar)).toBe(endOf('2027-05-07'));
      expect(dueDate(start, calendarDays(14, true), decree)).toBe(endOf('2027-05-10'));
    });

    it('moves even a zero-day term ending on a Sunday', () => {
      expect(dueDate(at('2024-06-09T10:00:00+02:00'), calendarDays(0, true), calendar)).toBe(
        endOf('2024-06-10'),
      );
    });
  });

  describe('Atw art. 2', () => {
    it('extends a 3-day term over Christmas to hold two working days', () => {
      // 25 and 26 Dec are holidays: Fri 27 is the only working day, so it runs to Mon 30.
      expect(dueDate(at('2024-12-24T10:00:00+01:00'), calendarDays(3, true), calendar)).toBe(
        endOf('2024-12-30'),
      );
    });

    it('extends a 3-day term from a Friday ending on a working Monday', () => {
      expect(dueDate(at('2025-01-03T10:00:00+01:00'), calendarDays(3, true), calendar)).toBe(
        endOf('2025-01-07'),
      );
    });

    it('does not extend a 2-day term (art. 1 still applies)', () => {
      expect(dueDate(at('2025-01-03T10:00:00+01:00'), calendarDays(2, true), calendar)).toBe(
        endOf('2025-01-06'),
      );
    });
  });

  describe('hours', () => {
    it('adds exact hours across the summer-time switch and ignores the Atw', () => {
      const start = at('2024-10-26T12:00:00+02:00');
      expect(dueDate(start, hours(24), calendar)).toBe(at('2024-10-27T11:00:00+01:00'));
      expect(dueDate(at('2024-12-24T10:00:00+01:00'), hours(1.5), calendar)).toBe(
        at('2024-12-24T11:30:00+01:00'),
      );
    });
  });

  it('refuses invalid norms', () => {
    const start = at('2024-06-03T10:00:00+02:00');
    expect(() => dueDate(start, workingDays(-1), calendar)).toThrow(RangeError);
    expect(() => dueDate(start, workingDays(1.5), calendar)).toThrow(RangeError);
    expect(() => dueDate(start, hours(Number.NaN), calendar)).toThrow(RangeError);
    expect(() => dueDate(start, { amount: 1, unit: 'weeks' } as unknown as Norm, calendar)).toThrow(
      RangeError,
    );
  });

  describe('properties', () => {
    const instant = fc.integer({
      min: at('2000-01-01T00:00:00Z'),
      max: at('2060-01-01T00:00:00Z'),
    });
    const unit = fc.constantFrom<Norm['unit']>('workingDays', 'calendarDays', 'hours');

    it('a working-day term always ends at the end of a working day', () => {
      fc.assert(
        fc.property(instant, fc.integer({ min: 0, max: 300 }), (start, amount) => {
          const due = dueDate(start, workingDays(amount), calendar);
          const day = toAmsterdamDate(due);
          expect(calendar.isWorkingDay(day)).toBe(true);
          expect(due).toBe(endOf(day));
          if (amount > 0) expect(workingDaysBetween(start, due, calendar)).toBe(amount);
        }),
      );
    });

    it('an Atw calendar-day term ends on a working day, never before the plain term', () => {
      fc.assert(
        fc.property(instant, fc.integer({ min: 0, max: 400 }), (start, amount) => {
          const withAtw = dueDate(start, calendarDays(amount, true), calendar);
          expect(calendar.isWorkingDay(toAmsterdamDate(withAtw))).toBe(true);
          expect(withAtw).toBeGreaterThanOrEqual(
            dueDate(start, calendarDays(amount, false), calendar),
          );
          if (amount >= 3)
            expect(workingDaysBetween(start, withAtw, calendar)).toBeGreaterThanOrEqual(2);
        }),
      );
    });

    it('the due date is monotonic in the amount and never before the start', () => {
      fc.assert(
        fc.property(
          instant,
          unit,
          fc.boolean(),
          fc.integer({ min: 0, max: 200 }),
          (start, u, atw, a) => {
            const due = (amount: number) => dueDate(start, { amount, unit: u, atw }, calendar);
            expect(due(a + 1)).toBeGreaterThanOrEqual(due(a));
            expect(due(a)).toBeGreaterThanOrEqual(start);
          },
        ),
      );
    });

    it('elapsed time at the due date equals the amount', () => {
      fc.assert(
        fc.property(instant, unit, fc.integer({ min: 1, max: 200 }), (start, u, amount) => {
          const norm: Norm = { amount, unit: u, atw: false };
          expect(elapsedInUnit(start, dueDate(start, norm, calendar), u, calendar)).toBe(amount);
        }),
      );
    });
  });
});

describe('dueFromDate', () => {
  it('runs a term after a date as if its clock started that day', () => {
    // Date of entry Fri 29 Mar 2024 (Goede Vrijdag): Tweede Paasdag does not count either.
    expect(dueFromDate('2024-03-29', workingDays(5), 'after', calendar)).toBe(endOf('2024-04-08'));
    // 14 calendar days after Sat 15 Jun end on Sat 29 Jun: art. 1 moves that to Monday.
    expect(dueFromDate('2024-06-15', calendarDays(14, true), 'after', calendar)).toBe(
      endOf('2024-07-01'),
    );
    expect(dueFromDate('2024-06-15', hours(36), 'after', calendar)).toBe(
      at('2024-06-16T12:00:00+02:00'),
    );
  });

  it('counts working days back from a date, skipping weekends and holidays', () => {
    // Release on Tue 2 Apr 2024: Mon 1 Apr (Tweede Paasdag), Fri 29 Mar (Goede Vrijdag) and the
    // weekend do not count; the 3rd working day before is Tue 26 Mar.
    expect(dueFromDate('2024-04-02', workingDays(3), 'before', calendar)).toBe(endOf('2024-03-26'));
    expect(dueFromDate('2024-06-12', workingDays(10), 'before', calendar)).toBe(
      endOf('2024-05-29'),
    );
    // 0 working days before a Sunday: the Friday before.
    expect(dueFromDate('2024-06-16', workingDays(0), 'before', calendar)).toBe(endOf('2024-06-14'));
    expect(dueFromDate('2024-06-12', workingDays(0), 'before', calendar)).toBe(endOf('2024-06-12'));
  });

  it('does not apply the Atw to calendar days counted back, and counts hours from midnight', () => {
    // 4 days before Wed 12 Jun is Saturday 8 Jun, and stays Saturday.
    expect(dueFromDate('2024-06-12', calendarDays(4, true), 'before', calendar)).toBe(
      endOf('2024-06-08'),
    );
    expect(dueFromDate('2024-06-12', hours(24), 'before', calendar)).toBe(
      at('2024-06-11T00:00:00+02:00'),
    );
  });

  it('ends on a working day for any working-day term, either way', () => {
    const day = fc
      .integer({ min: 0, max: 3650 })
      .map((n) => toAmsterdamDate(at('2024-01-01T12:00:00+01:00') + n * 86_400_000));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 40 }), fc.boolean(), (date, amount, before) => {
        const due = dueFromDate(date, workingDays(amount), before ? 'before' : 'after', calendar);
        const dueDay = toAmsterdamDate(due);
        expect(calendar.isWorkingDay(dueDay)).toBe(true);
        expect(due).toBe(endOf(dueDay));
        if (before) expect(dueDay <= date).toBe(true);
        else expect(dueDay > date || (amount === 0 && dueDay >= date)).toBe(true);
      }),
    );
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after the first instant’s day up to the second’s', () => {
    const a = at('2024-12-24T10:00:00+01:00');
    expect(workingDaysBetween(a, at('2024-12-30T08:00:00+01:00'), calendar)).toBe(2);
    expect(workingDaysBetween(at('2024-12-30T08:00:00+01:00'), a, calendar)).toBe(-2);
    expect(workingDaysBetween(a, a + 3_600_000, calendar)).toBe(0);
  });
});

describe('elapsedInUnit', () => {
  const start = at('2024-06-03T10:00:00+02:00'); // Monday

  it('measures hours net of pauses, merging overlaps and clipping to the span', () => {
    const end = at('2024-06-04T10:00:00+02:00');
    const pauses = [
      { from: at('2024-06-03T12:00:00+02:00'), to: at('2024-06-03T14:00:00+02:00') },
      { from: at('2024-06-03T13:00:00+02:00'), to: at('2024-06-03T15:00:00+02:00') },
      { from: at('2024-06-04T09:00:00+02:00') }, // still open: counts until `end`
      { from: at('2024-06-01T09:00:00+02:00'), to: at('2024-06-03T11:00:00+02:00') },
    ];
    expect(elapsedInUnit(start, end, 'hours', calendar, pauses)).toBe(24 - 3 - 1 - 1);
  });

  it('removes the working days a pause crosses into', () => {
    const end = at('2024-06-12T10:00:00+02:00'); // Wednesday next week: 7 working days
    const pauses = [
      { from: at('2024-06-04T09:00:00+02:00'), to: at('2024-06-04T17:00:00+02:00') }, // within a day
      { from: at('2024-06-07T16:00:00+02:00'), to: at('2024-06-10T09:00:00+02:00') }, // Fri → Mon
    ];
    expect(elapsedInUnit(start, end, 'workingDays', calendar)).toBe(7);
    expect(elapsedInUnit(start, end, 'workingDays', calendar, pauses)).toBe(6);
    expect(elapsedInUnit(start, end, 'calendarDays', calendar, pauses)).toBe(9 - 3);
  });

  it('refuses an instant before the start', () => {
    expect(() => elapsedInUnit(start, start - 1, 'hours', calendar)).toThrow(RangeError);
  });
});
