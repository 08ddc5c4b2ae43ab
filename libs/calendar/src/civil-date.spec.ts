import fc from 'fast-check';
import {
  addCalendarDays,
  dayNumberOf,
  formatDayNumber,
  isCivilDate,
  isoWeekdayOf,
  parseCivilDate,
} from './civil-date';

describe('civil dates', () => {
  it('numbers days from 1970-01-01', () => {
    expect(parseCivilDate('1970-01-01')).toBe(0);
    expect(parseCivilDate('2000-03-01')).toBe(11_017);
    expect(formatDayNumber(-1)).toBe('1969-12-31');
  });

  it('agrees with Date.UTC over four centuries', () => {
    fc.assert(
      fc.property(fc.integer({ min: -150_000, max: 150_000 }), (dayNumber) => {
        const iso = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
        expect(formatDayNumber(dayNumber)).toBe(iso);
        expect(parseCivilDate(iso)).toBe(dayNumber);
      }),
    );
  });

  it('rejects text that is not an existing date', () => {
    for (const bad of ['2025-02-29', '2024-13-01', '2024-04-31', '2024-4-1', '24-04-01', '']) {
      expect(isCivilDate(bad)).toBe(false);
      expect(() => parseCivilDate(bad)).toThrow(RangeError);
    }
    expect(isCivilDate('2024-02-29')).toBe(true);
  });

  it('gives ISO weekdays and adds days across month and year ends', () => {
    expect(isoWeekdayOf(dayNumberOf(2024, 1, 1))).toBe(1);
    expect(isoWeekdayOf(dayNumberOf(2025, 4, 27))).toBe(7);
    expect(addCalendarDays('2024-12-30', 3)).toBe('2025-01-02');
    expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});
