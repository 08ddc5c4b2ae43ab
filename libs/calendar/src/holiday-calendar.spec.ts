import fc from 'fast-check';
import { addCalendarDays } from './civil-date';
import { HolidayCalendar } from './holiday-calendar';

describe('HolidayCalendar', () => {
  const calendar = new HolidayCalendar();

  it('knows holidays, weekends and working days', () => {
    expect(calendar.holidayName('2025-04-26')).toBe('Koningsdag');
    expect(calendar.isHoliday('2025-04-27')).toBe(false);
    expect(calendar.isWorkingDay('2025-04-27')).toBe(false); // a Sunday
    expect(calendar.isWorkingDay('2025-04-28')).toBe(true);
    expect(calendar.isWorkingDay('2029-03-30')).toBe(false); // Goede Vrijdag
    expect(calendar.holidayName('2016-05-05')).toBe('Bevrijdingsdag / Hemelvaartsdag');
  });

  it('moves to the next working day past Goede Vrijdag, the weekend and Tweede Paasdag', () => {
    expect(calendar.workingDayOnOrAfter('2024-03-29')).toBe('2024-04-02');
    expect(calendar.workingDayOnOrAfter('2024-04-02')).toBe('2024-04-02');
  });

  it('adds and counts working days, the start day not counting', () => {
    expect(calendar.addWorkingDays('2024-12-24', 1)).toBe('2024-12-27');
    expect(calendar.addWorkingDays('2024-12-24', 2)).toBe('2024-12-30');
    expect(calendar.addWorkingDays('2024-12-28', 0)).toBe('2024-12-30');
    expect(calendar.countWorkingDays('2024-12-24', '2024-12-30')).toBe(2);
    expect(calendar.countWorkingDays('2024-12-30', '2024-12-24')).toBe(-2);
    expect(calendar.countWorkingDays('2024-12-24', '2024-12-24')).toBe(0);
    expect(() => calendar.addWorkingDays('2024-12-24', -1)).toThrow(RangeError);
  });

  it('has 253 to 256 working days a year in 2024–2030', () => {
    for (let year = 2024; year <= 2030; year += 1) {
      const count = calendar.countWorkingDays(`${year - 1}-12-31`, `${year}-12-31`);
      expect(count).toBeGreaterThanOrEqual(250);
      expect(count).toBeLessThanOrEqual(256);
    }
    expect(calendar.countWorkingDays('2023-12-31', '2024-12-31')).toBe(255);
  });

  it('treats configured decree days as holidays, in their year only', () => {
    const withDecree = new HolidayCalendar({
      extraDays: { 2027: [{ date: '2027-05-07', name: 'Vrijdag na Hemelvaart' }] },
    });
    expect(withDecree.holidayName('2027-05-07')).toBe('Vrijdag na Hemelvaart');
    expect(withDecree.workingDayOnOrAfter('2027-05-05')).toBe('2027-05-10');
    expect(calendar.workingDayOnOrAfter('2027-05-05')).toBe('2027-05-07');
    expect(withDecree.isWorkingDay('2028-05-26')).toBe(true);
  });

  it('refuses a bad configuration at construction', () => {
    expect(() => new HolidayCalendar({ extraDays: { 2027: ['2028-05-26'] } })).toThrow(RangeError);
  });

  it('counts consistently with adding (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 400 }),
        (offset, count) => {
          const start = addCalendarDays('2000-01-01', offset);
          const end = calendar.addWorkingDays(start, count);
          expect(calendar.isWorkingDay(end)).toBe(true);
          if (count > 0) expect(calendar.countWorkingDays(start, end)).toBe(count);
        },
      ),
    );
  });
});
